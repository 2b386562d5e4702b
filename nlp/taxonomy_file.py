"""Read and validate a taxonomy YAML file (format: docs/nlp.md)."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node

from nlp.taxonomy import (
    CONTRACT_CATEGORIES,
    CONTRACT_TYPES,
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
    return Taxonomy(
        taxonomy.categories,
        taxonomy.types,
        taxonomy.urgent,
        taxonomy.urgent_claim_hours,
        taxonomy.urgent_resolve_hours,
        str(path),
    )


def _require(fields: dict[str, Node], name: str, owner: Node, what: str) -> Node:
    if name not in fields:
        raise NodeError(line_of(owner), f"{what}: field '{name}' is missing")
    return fields[name]


def _defaults(
    fields: dict[str, Node], what: str, inherited: dict[str, object]
) -> dict[str, object]:
    result = dict(inherited)
    for name in ("claim_hours", "resolve_hours"):
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
    top = mapping(root, "the file")
    defaults = (
        _defaults(mapping(top["defaults"], "defaults"), "defaults", {}) if "defaults" in top else {}
    )
    urgent_node = _require(top, "urgent", root, "the file")
    urgent_fields = mapping(urgent_node, "urgent")
    urgent = _urgent(urgent_fields, urgent_node)
    claim = number(
        _require(urgent_fields, "claim_hours", urgent_node, "urgent"),
        "urgent: field 'claim_hours'",
        positive=True,
    )
    resolve = number(
        _require(urgent_fields, "resolve_hours", urgent_node, "urgent"),
        "urgent: field 'resolve_hours'",
        positive=True,
    )
    types = _types(_require(top, "types", root, "the file"), strict)
    categories_node = _require(top, "categories", root, "the file")
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
    return Taxonomy(tuple(categories), types, urgent, claim, resolve)


def _urgent(fields: dict[str, Node], node: Node) -> UrgentDef:
    keywords = weights(_require(fields, "keywords", node, "urgent"), "urgent: field 'keywords'")
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
    return UrgentDef(keywords, negative, hotlines, threshold, veto)


def _types(node: Node, strict: bool) -> dict[str, TypeDef]:
    types: dict[str, TypeDef] = {}
    for code, type_node in mapping(node, "types").items():
        fields = mapping(type_node, f"type '{code}'")
        name = string(
            _require(fields, "name", type_node, f"type '{code}'"), f"type '{code}': field 'name'"
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


def _category(
    node: Node,
    defaults: dict[str, object],
    types: dict[str, TypeDef],
    hotlines: dict[str, tuple[str, ...]],
    seen: dict[str, int],
) -> Category:
    fields = mapping(node, "category")
    code = string(_require(fields, "code", node, "category"), "category: field 'code'")
    what = f"category '{code}'"
    name = string(_require(fields, "name", node, what), f"{what}: field 'name'")
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
    node: Node, category: str, inherited: dict[str, object], seen: dict[str, int]
) -> Subcategory:
    fields = mapping(node, f"category '{category}': subcategory")
    code = string(
        _require(fields, "code", node, f"category '{category}': subcategory"),
        f"category '{category}': subcategory: field 'code'",
    )
    what = f"subcategory '{code}'"
    if code in seen:
        raise NodeError(line_of(node), f"{what}: field 'code' is already used on line {seen[code]}")
    seen[code] = line_of(node)
    name = string(_require(fields, "name", node, what), f"{what}: field 'name'")
    values = _defaults(fields, what, inherited)
    for needed in _INHERITED:
        if needed not in values:
            raise NodeError(
                line_of(node),
                f"{what}: field '{needed}' is missing (and no default is set on the category)",
            )
    keywords = weights(_require(fields, "keywords", node, what), f"{what}: field 'keywords'")
    negative = (
        string_list(fields["negative"], f"{what}: field 'negative'") if "negative" in fields else ()
    )
    return Subcategory(
        code,
        name,
        category,
        keywords,
        negative,
        float(values["claim_hours"]),
        float(values["resolve_hours"]),
        tuple(values["posts"]),
    )  # type: ignore[arg-type]
