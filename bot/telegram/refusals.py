"""Telegram's refusals in the outbox's terms, whichever library reported them."""

from bot.channels import Undeliverable

NETWORK_RETRY_SECONDS = 5.0
STOPPED_RETRY_SECONDS = 30.0
# A private chat or group that cannot be reached at all: stop sending to it.
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")
_WRONG_FILE = ("wrong file identifier", "file", "image_process_failed", "type of file mismatch")


class Rejected(Undeliverable):
    """A 400 Bad Request: dead (and the chat blocked when it is gone), unless the sender knows
    a way round it (not modified, a photo it cannot use, a caption that is a text)."""

    def __init__(self, description: str) -> None:
        lowered = description.lower()
        super().__init__(description, blocked=any(sign in lowered for sign in _GONE))
        self.description = description

    @property
    def not_modified(self) -> bool:
        return "message is not modified" in self.description.lower()

    @property
    def sent_the_other_way(self) -> bool:
        """An edit of a caption that is a text, or of a text that is a caption."""
        return "no text" in self.description or "no caption" in self.description

    @property
    def wrong_file(self) -> bool:
        return any(sign in self.description.lower() for sign in _WRONG_FILE)
