"""Frozen records of the accountability tables the repositories hand to the core."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class StarLevel:
    """A month's star level of a grid, member or unit, with a reason for each star."""

    month: str
    scope: str
    subject_key: str
    name: str
    level: int
    reasons: tuple[dict[str, Any], ...]
    status: str = "proposed"
    published_at: datetime | None = None

    @property
    def published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True, slots=True)
class Promise:
    id: int
    person_id: int
    text: str
    first_day: date
    last_day: date
    status: str
    created_at: datetime
    marked_by: int | None = None
    marked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Wish:
    """What a wish adds to its request (the request holds the rest)."""

    request_id: int
    photo: str | None = None
    photo_public: bool | None = None
    thanks: str = ""
    thanks_at: datetime | None = None
