"""Test support: a local Bot-API-compatible server for end-to-end tests."""

from .bot_api_objects import Upload, tiny_png
from .bot_api_server import FakeBotApi

__all__ = ["FakeBotApi", "Upload", "tiny_png"]
