"""The dialogs' chat harness (the real dispatcher over a seeded community) for these tests."""

from tests.dialogs.conftest import chat, nlp_parts  # noqa: F401 - fixtures
