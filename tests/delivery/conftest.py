"""The chat harness of tests/dialogs (people talk to the real dispatcher), for the delivery
tests that need requests filed and buttons pressed."""

from tests.dialogs.conftest import chat, nlp_parts

__all__ = ["chat", "nlp_parts"]
