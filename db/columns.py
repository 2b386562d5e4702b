"""How the core's new records and changes become column values: tuples as JSON lists, the
vocabulary's words as their strings."""

from dataclasses import asdict
from enum import StrEnum

from core.changes import NewPerson, NewRequest, PersonChange, RequestChange, WishChange, changed


def _stored(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    return str(value) if isinstance(value, StrEnum) else value


def new_values(record: NewPerson | NewRequest) -> dict[str, object]:
    return {name: _stored(value) for name, value in asdict(record).items()}


def change_values(change: PersonChange | RequestChange | WishChange) -> dict[str, object]:
    return {name: _stored(value) for name, value in changed(change).items()}
