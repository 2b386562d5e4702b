"""Typed reading of a composed YAML node tree, with line numbers in every error."""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "NodeError",
    "compose_file",
    "key_line",
    "line_of",
    "mapping",
    "number",
    "sequence",
    "string",
    "string_list",
    "weights",
]

_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10× faster


class NodeError(ValueError):
    """A problem with one node: `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def compose_file(path: Path) -> Node | None:
    """Parse the file into a node tree, keeping source positions."""
    with path.open(encoding="utf-8") as handle:
        try:
            return yaml.compose(handle, Loader=_LOADER)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            raise NodeError(line, f"invalid YAML: {exc.problem or exc.context}") from exc


def key_line(node: Node, name: str) -> int:
    """The line of the key `name` in mapping `node` (the node's own line when absent)."""
    if isinstance(node, MappingNode):
        for key, _ in node.value:
            if isinstance(key, ScalarNode) and key.value == name:
                return line_of(key)
    return line_of(node)


def mapping(node: Node, what: str, known: Collection[str] | None = None) -> dict[str, Node]:
    """The mapping's values by key; with `known`, any other key is an error."""
    if not isinstance(node, MappingNode):
        raise NodeError(line_of(node), f"{what} must be a mapping (key: value)")
    result: dict[str, Node] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            raise NodeError(line_of(key), f"{what} has a key that is not plain text")
        if key.value in result:
            raise NodeError(line_of(key), f"{what} has the key '{key.value}' twice")
        if known is not None and key.value not in known:
            raise NodeError(line_of(key), f"{what}: {_unknown(key.value, known)}")
        result[key.value] = value
    return result


def _unknown(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
    return f"unknown field '{name}' ({hint})"


def sequence(node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise NodeError(line_of(node), f"{what} must be a list")
    return list(node.value)


def string(node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or not str(node.value).strip():
        raise NodeError(line_of(node), f"{what} must be a non-empty text")
    return str(node.value).strip()


def number(node: Node, what: str, *, positive: bool = False) -> float:
    problem = f"{what} must be a {'positive ' if positive else ''}number"
    if not isinstance(node, ScalarNode) or node.tag not in _NUMBER_TAGS:
        raise NodeError(line_of(node), problem)
    try:
        value = float(node.value.replace("_", ""))
    except ValueError:
        raise NodeError(line_of(node), problem) from None
    if not math.isfinite(value) or (positive and value <= 0):
        raise NodeError(line_of(node), problem)
    return value


def string_list(node: Node, what: str) -> tuple[str, ...]:
    return tuple(string(item, f"{what} entry") for item in sequence(node, what))


def weights(node: Node, what: str) -> dict[str, float]:
    """Keyword weights: a mapping `word: weight`, or a plain list (each weight 1.0)."""
    if isinstance(node, SequenceNode):
        return dict.fromkeys(string_list(node, what), 1.0)
    result: dict[str, float] = {}
    for key, value in mapping(node, what).items():
        weight = number(value, f"{what} weight of '{key}'")
        if weight == 0:
            raise NodeError(line_of(value), f"{what} weight of '{key}' must not be 0")
        result[key.strip()] = weight
    return result
