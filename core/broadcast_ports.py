"""Broadcasts as the core sees them: who a notice reaches, what was sent, how it went."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.messages import Reply


@dataclass(frozen=True, slots=True)
class Audience:
    """Residents (not opted out) of these grids and the grids' group chats; ``whole``:
    every resident and group of the community."""

    community_id: int
    grid_ids: tuple[int, ...]
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Reach:
    """What a broadcast would queue: residents' chats, group chats, residents opted out."""

    residents: int
    groups: int
    skipped: int


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    token: str
    community_id: int
    sender_id: int | None
    scope: str
    grid_ids: tuple[int, ...]
    text: str
    skipped: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    """A broadcast's outbox rows by what became of them."""

    queued: int = 0
    waiting: int = 0
    sent: int = 0
    failed: int = 0


class BroadcastRepository(Protocol):
    async def reach(self, audience: Audience) -> Reach: ...
    async def by_token(self, token: str) -> Broadcast | None: ...
    async def add(
        self,
        token: str,
        sender_id: int,
        audience: Audience,
        scope: str,
        text: str,
        skipped: int,
        at: datetime,
    ) -> Broadcast: ...
    async def fan_out(
        self, broadcast_id: int, audience: Audience, resident: Reply, group: Reply, at: datetime
    ) -> int: ...
    async def recent(
        self, community_id: int, sender_id: int | None, limit: int
    ) -> list[Broadcast]: ...
    async def deliveries(self, broadcast_ids: Sequence[int]) -> dict[int, Delivery]: ...
    async def opt_out(self, person_id: int, at: datetime) -> bool: ...
    async def opt_in(self, person_id: int) -> bool: ...
