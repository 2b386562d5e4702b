"""The dialogs' fixtures (a seeded database, the real Dispatcher) for the inbox's tests."""

from tests.dialogs.conftest import chat, nlp_parts

__all__ = ["chat", "nlp_parts"]
