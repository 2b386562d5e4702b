"""Read and validate a taxonomy YAML file (format: docs/nlp.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Literal, TypedDict

from yaml.nodes import Node

from nlp.taxonomy import (
    CONTRACT_CATEGORIES,
    CONTRACT_TYPES,
    FALLBACK_CLAIM_HOURS,
    FALLBACK_POSTS,
    FALLBACK_RESOLVE_HOURS,
    OTHER,
    POSTS,
    Category,
    Subcategory,
    Taxonomy,
    TaxonomyError,
    TypeDef,
    UrgentDef,
)
from nlp.yamlnodes import (
    NodeError,
    compose_file,
    key_line,
    line_of,
    mapping,
    number,
    sequence,
    string,
    string_list,
    weights,
)

__all__ = ["read_taxonomy"]

_INHERITED = ("claim_hours", "resolve_hours", "posts")


class _Inherited(TypedDict, total=False):
    """The fields a category passes down to its subcategories (and `defaults` to both)."""

    claim_hours: float
    resolve_hours: float
    posts: tuple[str, ...]


_TOP_FIELDS = ("defaults", "urgent", "types", "categories")
_URGENT_FIELDS = (
    "claim_hours",
    "resolve_hours",
    "threshold",
    "keywords",
    "negative",
    "veto",
    "always",
    "hotlines",
)
_TYPE_FIELDS = ("name", "keywords")
_CATEGORY_FIELDS = ("code", "name", "default_type", "hotline", *_INHERITED, "subcategories")
_SUBCATEGORY_FIELDS = ("code", "name", *_INHERITED, "keywords", "negative")


def read_taxonomy(path: Path, *, strict: bool) -> Taxonomy:
    try:
        root = compose_file(path)
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy file ({exc.strerror})") from exc
    except NodeError as exc:
        raise TaxonomyError(f"{path} line {exc.line}: {exc.message}") from exc
    if root is None:
        raise TaxonomyError(f"{path} line 1: the file is empty")
    try:
        taxonomy = _taxonomy(root, strict)
    except NodeError as exc:
        raise TaxonomyError(f"{path} line {exc.line}: {exc.message}") from exc
    return replace(taxonomy, source=str(path))


def _require(fields: dict[str, Node], name: str, line: int, what: str) -> Node:
    """The field `name`; `line` is the owning mapping's own line, named when it is missing."""
    if name not in fields:
        raise NodeError(line, f"{what}: field '{name}' is missing")
    return fields[name]


def _defaults(fields: dict[str, Node], what: str, inherited: _Inherited) -> _Inherited:
    result = inherited.copy()
    hours: tuple[Literal["claim_hours", "resolve_hours"], ...] = ("claim_hours", "resolve_hours")
    for name in hours:
        if name in fields:
            result[name] = number(fields[name], f"{what}: field '{name}'", positive=True)
    if "posts" in fields:
        posts = string_list(fields["posts"], f"{what}: field 'posts'")
        for post, node in zip(posts, sequence(fields["posts"], "posts"), strict=True):
            if post not in POSTS:
                raise NodeError(
                    line_of(node),
                    f"{what}: field 'posts': unknown post '{post}' (known: {'、'.join(POSTS)})",
                )
        result["posts"] = posts
    return result


def _taxonomy(root: Node, strict: bool) -> Taxonomy:
    top = mapping(root, "the file", _TOP_FIELDS)
    defaults = (
        _defaults(mapping(top["defaults"], "defaults", _INHERITED), "defaults", _Inherited())
        if "defaults" in top
        else _Inherited()
    )
    urgent_fields = mapping(
        _require(top, "urgent", line_of(root), "the file"), "urgent", _URGENT_FIELDS
    )
    urgent_line = key_line(root, "urgent")
    urgent = _urgent(urgent_fields, urgent_line)
    claim = number(
        _require(urgent_fields, "claim_hours", urgent_line, "urgent"),
        "urgent: field 'claim_hours'",
        positive=True,
    )
    resolve = number(
        _require(urgent_fields, "resolve_hours", urgent_line, "urgent"),
        "urgent: field 'resolve_hours'",
        positive=True,
    )
    types = _types(_require(top, "types", line_of(root), "the file"), strict)
    categories_node = _require(top, "categories", line_of(root), "the file")
    categories: list[Category] = []
    seen: dict[str, int] = {}
    for node in sequence(categories_node, "categories"):
        category = _category(node, defaults, types, urgent.hotlines, seen)
        if category.code in {c.code for c in categories}:
            raise NodeError(
                line_of(node),
                f"category '{category.code}': field 'code' is already used by another category",
            )
        categories.append(category)
    codes = {c.code for c in categories}
    missing = [c for c in (CONTRACT_CATEGORIES if strict else (OTHER,)) if c not in codes]
    if missing:
        raise NodeError(
            line_of(categories_node),
            f"categories: field 'code': missing required categories {missing}",
        )
    return Taxonomy(
        tuple(categories),
        types,
        urgent,
        claim,
        resolve,
        default_claim_hours=defaults.get("claim_hours", FALLBACK_CLAIM_HOURS),
        default_resolve_hours=defaults.get("resolve_hours", FALLBACK_RESOLVE_HOURS),
        default_posts=defaults.get("posts", FALLBACK_POSTS),
    )


def _urgent(fields: dict[str, Node], line: int) -> UrgentDef:
    keywords = weights(_require(fields, "keywords", line, "urgent"), "urgent: field 'keywords'")
    negative = (
        string_list(fields["negative"], "urgent: field 'negative'") if "negative" in fields else ()
    )
    hotlines: dict[str, tuple[str, ...]] = {}
    if "hotlines" in fields:
        for number_, cues in mapping(fields["hotlines"], "urgent: field 'hotlines'").items():
            hotlines[number_] = string_list(cues, f"urgent: field 'hotlines' '{number_}'")
    threshold = (
        number(fields["threshold"], "urgent: field 'threshold'", positive=True)
        if "threshold" in fields
        else 1.0
    )
    veto = string_list(fields["veto"], "urgent: field 'veto'") if "veto" in fields else ()
    always = string_list(fields["always"], "urgent: field 'always'") if "always" in fields else ()
    vetoed = [text for text in always if any(word in text for word in veto)]
    if vetoed:
        raise NodeError(
            line_of(fields["always"]),
            f"urgent: field 'always': {vetoed[0]!r} has a veto word and can never be urgent",
        )
    return UrgentDef(keywords, negative, hotlines, threshold, veto, always)


def _types(node: Node, strict: bool) -> dict[str, TypeDef]:
    types: dict[str, TypeDef] = {}
    for code, type_node in mapping(node, "types").items():
        fields = mapping(type_node, f"type '{code}'", _TYPE_FIELDS)
        name = string(
            _require(fields, "name", key_line(node, code), f"type '{code}'"),
            f"type '{code}': field 'name'",
        )
        keywords = (
            weights(fields["keywords"], f"type '{code}': field 'keywords'")
            if "keywords" in fields
            else {}
        )
        types[code] = TypeDef(code, name, keywords)
    missing = [t for t in CONTRACT_TYPES if t not in types] if strict else []
    if missing or not types:
        raise NodeError(line_of(node), f"types: missing required types {missing or 'any'}")
    return types


def _code(node: Node, what: str) -> str:
    """The `code` of a category or sub-category, read first so that errors can name it."""
    fields = mapping(node, what)
    return string(_require(fields, "code", line_of(node), what), f"{what}: field 'code'")


def _category(
    node: Node,
    defaults: _Inherited,
    types: dict[str, TypeDef],
    hotlines: dict[str, tuple[str, ...]],
    seen: dict[str, int],
) -> Category:
    code = _code(node, "category")
    what = f"category '{code}'"
    fields = mapping(node, what, _CATEGORY_FIELDS)
    name = string(_require(fields, "name", line_of(node), what), f"{what}: field 'name'")
    default_type = "complaint"
    if "default_type" in fields:
        default_type = string(fields["default_type"], f"{what}: field 'default_type'")
        if default_type not in types:
            raise NodeError(
                line_of(fields["default_type"]),
                f"{what}: field 'default_type': unknown type '{default_type}'",
            )
    hotline = None
    if "hotline" in fields:
        hotline = string(fields["hotline"], f"{what}: field 'hotline'")
        if hotline not in hotlines:
            raise NodeError(
                line_of(fields["hotline"]),
                f"{what}: field 'hotline': '{hotline}' is not one of urgent: hotlines "
                f"{sorted(hotlines)}",
            )
    inherited = _defaults(fields, what, defaults)
    subs = tuple(
        _subcategory(sub, code, inherited, seen)
        for sub in (
            sequence(fields["subcategories"], f"{what}: field 'subcategories'")
            if "subcategories" in fields
            else []
        )
    )
    return Category(code, name, subs, default_type, hotline)


def _subcategory(
    node: Node, category: str, inherited: _Inherited, seen: dict[str, int]
) -> Subcategory:
    code = _code(node, f"category '{category}': subcategory")
    what = f"subcategory '{code}'"
    fields = mapping(node, what, _SUBCATEGORY_FIELDS)
    if code in seen:
        raise NodeError(line_of(node), f"{what}: field 'code' is already used on line {seen[code]}")
    seen[code] = line_of(node)
    name = string(_require(fields, "name", line_of(node), what), f"{what}: field 'name'")
    values = _defaults(fields, what, inherited)
    for needed in _INHERITED:
        if needed not in values:
            raise NodeError(
                line_of(node),
                f"{what}: field '{needed}' is missing (set it here, on category "
                f"'{category}' or under defaults)",
            )
    keywords = weights(
        _require(fields, "keywords", line_of(node), what), f"{what}: field 'keywords'"
    )
    negative = (
        string_list(fields["negative"], f"{what}: field 'negative'") if "negative" in fields else ()
    )
    return Subcategory(
        code,
        name,
        category,
        keywords,
        negative,
        values["claim_hours"],
        values["resolve_hours"],
        values["posts"],
    )
