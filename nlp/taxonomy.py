"""The request taxonomy: categories, sub-categories, keywords, deadlines, posts.

The data lives in a YAML file a community can edit (`nlp/data/taxonomy.yaml` is
the shipped default; its format is described in docs/nlp.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.vocabulary import MEMBER_POSTS

__all__ = [
    "CONTRACT_CATEGORIES",
    "CONTRACT_TYPES",
    "DEFAULT_TAXONOMY_PATH",
    "POSTS",
    "Category",
    "Subcategory",
    "Taxonomy",
    "TaxonomyError",
    "TypeDef",
    "UrgentDef",
    "load_taxonomy",
]

DEFAULT_TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.yaml"
CONTRACT_CATEGORIES = (
    "env",
    "repair",
    "infra",
    "traffic",
    "safety",
    "order",
    "dispute",
    "care",
    "service",
    "culture",
    "other",
)
CONTRACT_TYPES = ("wish", "complaint", "help", "consult", "suggestion")
POSTS = MEMBER_POSTS  # the member posts (岗位) a category may call for
OTHER = "other"
# Limits for a label without a sub-category when the file sets no `defaults`
FALLBACK_CLAIM_HOURS = 24.0
FALLBACK_RESOLVE_HOURS = 168.0
FALLBACK_POSTS = ("信息收集员",)


class TaxonomyError(ValueError):
    """A taxonomy file is invalid; the message names the file, line and field."""


@dataclass(frozen=True)
class Subcategory:
    code: str
    name: str
    category: str
    keywords: dict[str, float] = field(hash=False)
    negative: tuple[str, ...]
    claim_hours: float
    resolve_hours: float
    posts: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    subcategories: tuple[Subcategory, ...]
    default_type: str = "complaint"
    hotline: str | None = None  # the usual number when urgent and no cue word names one


@dataclass(frozen=True)
class TypeDef:
    code: str
    name: str
    keywords: dict[str, float] = field(hash=False)


@dataclass(frozen=True)
class UrgentDef:
    keywords: dict[str, float] = field(hash=False)
    negative: tuple[str, ...]
    hotlines: dict[str, tuple[str, ...]] = field(hash=False)
    threshold: float = 1.0
    veto: tuple[str, ...] = ()
    # messages that must always be urgent: a trained blend's threshold is lowered towards the
    # lowest of their scores, by a bounded step (nlp.training.train.keep_always_urgent)
    always: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[Category, ...]
    types: dict[str, TypeDef] = field(hash=False)
    urgent: UrgentDef
    urgent_claim_hours: float
    urgent_resolve_hours: float
    source: str = field(default="", compare=False)
    default_claim_hours: float = FALLBACK_CLAIM_HOURS  # the file's `defaults`
    default_resolve_hours: float = FALLBACK_RESOLVE_HOURS
    default_posts: tuple[str, ...] = FALLBACK_POSTS

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        raise KeyError(f"unknown category {code!r}")

    def subcategory(self, code: str) -> Subcategory:
        for category in self.categories:
            for sub in category.subcategories:
                if sub.code == code:
                    return sub
        raise KeyError(f"unknown subcategory {code!r}")

    def subcategories(self) -> tuple[Subcategory, ...]:
        return tuple(sub for category in self.categories for sub in category.subcategories)

    def category_hotlines(self) -> dict[str, str]:
        """category code → its usual hotline, for the categories that name one."""
        return {c.code: c.hotline for c in self.categories if c.hotline}

    def _sub_or_first(self, code: str) -> Subcategory | None:
        """The sub-category `code`, or the first one of category `code`; None for a
        category without sub-categories or a label the taxonomy does not know (a model
        trained on a community's own labels)."""
        try:
            return self.subcategory(code)
        except KeyError:
            pass
        try:
            subs = self.category(code).subcategories
        except KeyError:
            return None
        return subs[0] if subs else None

    def deadline_hours(self, subcategory_code: str, urgent: bool) -> tuple[float, float]:
        """(claim_hours, resolve_hours), the defaults for a code without its own; an urgent
        request gets the urgent limits when shorter."""
        sub = self._sub_or_first(subcategory_code)
        claim, resolve = (
            (sub.claim_hours, sub.resolve_hours)
            if sub
            else (self.default_claim_hours, self.default_resolve_hours)
        )
        if urgent:
            return min(claim, self.urgent_claim_hours), min(resolve, self.urgent_resolve_hours)
        return claim, resolve

    def posts_for(self, subcategory_code: str) -> tuple[str, ...]:
        """The posts a code calls for, the defaults for a code without its own."""
        sub = self._sub_or_first(subcategory_code)
        return sub.posts if sub else self.default_posts


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load and validate a taxonomy file; None loads the shipped default.

    The default must contain every contract category; any file must contain `other`.
    """
    from nlp.taxonomy_file import read_taxonomy

    strict = path is None
    return read_taxonomy(Path(path) if path is not None else DEFAULT_TAXONOMY_PATH, strict=strict)
