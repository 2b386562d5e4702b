"""What the core says: message keys with parameters and options, addressed to people or chats.

No channel formatting lives here: Telegram shows options as buttons, the web chat as chips.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Option:
    """A choice shown to the user: a label key (with params) and the payload it sends back."""

    label: str
    value: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reply:
    """One message: a catalogue key, its parameters, options and an optional photo file id."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    photo: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "params": self.params,
            "options": [[o.label, o.value, o.params] for o in self.options],
            "photo": self.photo,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Reply":
        return cls(
            key=data["key"],
            params=data.get("params") or {},
            options=tuple(Option(label, value, params) for label, value, params in data["options"]),
            photo=data.get("photo"),
        )


def t(key: str, **params: Any) -> dict[str, Any]:
    """A parameter that is itself a catalogue entry, rendered in the reader's language."""
    return {"$t": key, **({"params": params} if params else {})}


@dataclass(frozen=True, slots=True)
class ToPerson:
    person_id: int


@dataclass(frozen=True, slots=True)
class ToGrid:
    """The grid's group chat(s) on every channel bound to it."""

    grid_id: int


@dataclass(frozen=True, slots=True)
class ToCommunity:
    """The community's admins (大党委) and any chat bound to the community."""

    community_id: int


@dataclass(frozen=True, slots=True)
class ToChat:
    channel: str
    chat_id: str


Recipient = ToPerson | ToGrid | ToCommunity | ToChat


@dataclass(frozen=True, slots=True)
class Notice:
    """A message the core wants delivered; ``ref`` names a message that later edits replace."""

    to: Recipient
    reply: Reply
    ref: str | None = None
    edit: bool = False
