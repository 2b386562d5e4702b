"""Button payloads as typed values: what a button sends back (``claim:12``, ``rate:12:5``).

A payload is a frozen dataclass with a prefix, in the spirit of aiogram's ``CallbackData``
(without depending on it): ``Claim(12).pack() == "claim:12"`` and
``Claim.unpack("claim:12") == Claim(12)``. The fields follow the prefix, separated by ``:``,
in the order the dataclass declares them; a trailing field defaulting to None is left out
when it is None. The classes themselves are declared in core/buttons.py.

``pack`` refuses (ValueError) what the bot must never write: a payload over Telegram's
64 bytes, an empty field or one holding the separator. ``unpack`` is strict, as forged
input must be: ids are ASCII digits within the id columns' range (not ２, ², ১, nor 0 or a
leading 0), flags are 0 or 1, choices are their enum's values, and the field count is
exact; anything else is ``Refused("refused.stale_button")``.
"""

import re
import types
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

from core.errors import Refused

SEPARATOR = ":"
MAX_BYTES = 64  # Telegram's limit on callback_data
MAX_ID = 2**31 - 1  # the id columns' range (PostgreSQL INTEGER)
STALE = "refused.stale_button"
ID = re.compile(r"[1-9][0-9]*")
DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
FLAGS = {"1": True, "0": False}


class Malformed(ValueError):
    """A field that is not what its type allows."""


@dataclass(frozen=True)
class Payload:
    """Base of every payload class: ``class Claim(Payload, prefix="claim")``. A class
    declared without a prefix is a base for others (``OnRequest``) and is not registered."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if prefix is None:
            return
        if not prefix or SEPARATOR in prefix or prefix in KINDS:
            raise TypeError(f"payload prefix {prefix!r} is empty, has {SEPARATOR!r} or is taken")
        cls.prefix = prefix
        KINDS[prefix] = cls

    def pack(self) -> str:
        values = [getattr(self, name) for name, _, _ in _layout(type(self))]
        while values and values[-1] is None:
            values.pop()
        packed = SEPARATOR.join([self.prefix, *(_encode(v) for v in values)])
        if len(packed.encode()) > MAX_BYTES:
            raise ValueError(f"payload {packed!r} is over {MAX_BYTES} bytes")
        return packed

    @classmethod
    def unpack(cls, value: str) -> Self:
        head, _, rest = value.partition(SEPARATOR)
        layout = _layout(cls)
        given = rest.split(SEPARATOR) if rest else []
        required = sum(1 for _, _, optional in layout if not optional)
        if (
            head != getattr(cls, "prefix", None)
            or len(value.encode()) > MAX_BYTES
            or not required <= len(given) <= len(layout)
        ):
            raise _stale()
        try:
            kinds = [kind for _, kind, _ in layout[: len(given)]]
            values = [_decode(text, kind) for text, kind in zip(given, kinds, strict=True)]
        except Malformed:
            raise _stale() from None
        return cls(*values)


KINDS: dict[str, type[Payload]] = {}


def prefix_of(value: str) -> str:
    """``claim:12`` → ``claim``: which payload class a button's value names."""
    return value.partition(SEPARATOR)[0]


def parse(value: str) -> Payload:
    """Any known payload, or a refusal for an unknown prefix or malformed fields."""
    kind = KINDS.get(prefix_of(value))
    if kind is None:
        raise _stale()
    return kind.unpack(value)


def number(value: str) -> int:
    """An id as the bot writes it: ASCII digits within the columns' range, no leading 0."""
    try:
        return _decode_int(value)
    except Malformed:
        raise _stale() from None


def _stale() -> Refused:
    return Refused(STALE)


_LAYOUTS: dict[type[Payload], list[tuple[str, Any, bool]]] = {}


def _layout(cls: type[Payload]) -> list[tuple[str, Any, bool]]:
    """(name, type, optional) of each field, in order; optional ones only at the end."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        hints = get_type_hints(cls)
        layout = [(f.name, hints[f.name], f.default is None) for f in fields(cls)]
        optional = [f.default is None for f in fields(cls)]
        if any(f.default not in (None, MISSING) for f in fields(cls)) or optional != sorted(
            optional
        ):
            raise TypeError(f"{cls.__name__}: only trailing payload fields default (to None)")
        _LAYOUTS[cls] = layout
    return layout


def _encode(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        if not 0 < value <= MAX_ID:
            raise ValueError(f"payload id {value} is out of range")
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    text = value.value if isinstance(value, Enum) else value
    if not isinstance(text, str) or not text or SEPARATOR in text:
        raise ValueError(f"payload field {value!r} is empty, not text or has {SEPARATOR!r}")
    return text


def _decode(text: str, kind: Any) -> object:
    if get_origin(kind) in (Union, types.UnionType):
        for member in sorted(get_args(kind), key=lambda k: k is int):
            if member is type(None):
                continue
            try:
                return _decode(text, member)
            except Malformed:
                pass
        raise Malformed(text)
    if kind is bool:
        if text not in FLAGS:
            raise Malformed(text)
        return FLAGS[text]
    if kind is int:
        return _decode_int(text)
    if kind is float:
        if not (text.isascii() and DECIMAL.fullmatch(text)):
            raise Malformed(text)
        return float(text)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(text)
        except ValueError:
            raise Malformed(text) from None
    if kind is str and text:
        return text
    raise Malformed(text)


def _decode_int(text: str) -> int:
    if not (text.isascii() and ID.fullmatch(text)) or int(text) > MAX_ID:
        raise Malformed(text)
    return int(text)
