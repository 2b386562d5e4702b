"""What every channel adapter hands the dialogs: one normalised incoming event."""

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from core.messages import Reply


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message, command, button press, photo or location from any channel.

    ``user_id`` is the sender's stable id on that channel (Telegram user id, web session
    id); ``chat_id`` is where replies go (the private chat, or the group). ``update_id``
    is the platform's id of this event, recorded so a redelivery has no second effect.
    """

    channel: str
    chat_id: str
    user_id: str
    update_id: str
    chat_kind: ChatKind = ChatKind.PRIVATE
    user_name: str = ""
    text: str = ""
    payload: str | None = None
    photo: str | None = None
    location: tuple[float, float] | None = None
    locale: str = "zh-CN"
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """As the inbox keeps it until it is handled."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Incoming":
        known = {f.name for f in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        location = values.get("location")
        values["location"] = (float(location[0]), float(location[1])) if location else None
        values["chat_kind"] = ChatKind(values.get("chat_kind", ChatKind.PRIVATE))
        values["extra"] = {str(k): str(v) for k, v in (values.get("extra") or {}).items()}
        return cls(**values)

    @property
    def command(self) -> str | None:
        """``/start abc`` → ``start`` (``/start@linli_bot`` too); None for plain text."""
        if not self.text.startswith("/"):
            return None
        return self.text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() or None

    @property
    def args(self) -> str:
        parts = self.text.split(maxsplit=1)
        return parts[1].strip() if self.command and len(parts) > 1 else ""


@dataclass(frozen=True, slots=True)
class Ack:
    """What the adapter does at once: answer a button press (toast) — messages go via outbox."""

    toast: Reply | None = None
    duplicate: bool = False
