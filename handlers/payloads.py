"""Button payloads (``verb:id[:arg]``, ≤ 64 bytes): parsed strictly; forged ones are refused."""

from core.errors import Refused
from handlers.turn import Turn

MAX_ID = 2**31 - 1  # the id columns' range (PostgreSQL INTEGER)


def parts(turn: Turn, count: int) -> list[str]:
    """The ``count`` fields after the verb, or a refusal for a malformed or forged payload."""
    fields = (turn.incoming.payload or "").split(":")[1:]
    if len(fields) != count or not all(fields):
        raise Refused("refused.stale_button")
    return fields


def number(value: str) -> int:
    """An id as the bot writes it: ASCII digits within the columns' range (not ２, ², ১)."""
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_ID:
        raise Refused("refused.stale_button")
    return int(value)


def request_id(turn: Turn) -> int:
    return number(parts(turn, 1)[0])
