"""Refusals the core gives users: a message key and its parameters, never free text."""

from typing import Any


class Refused(Exception):
    """An action a user asked for and may not, or cannot, have; ``key`` is a catalogue key."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __repr__(self) -> str:
        return f"Refused({self.key!r}, {self.params!r})"
