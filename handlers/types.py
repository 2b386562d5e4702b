"""What every channel adapter hands the dialogs: one normalised incoming event."""

from dataclasses import dataclass, field
from enum import StrEnum

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
