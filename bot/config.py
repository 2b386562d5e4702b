"""Settings from ``LINLI_`` environment variables and an optional ``.env`` file."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.channels import DeliveryPolicy
from core.context import Policy


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LINLI_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    database_url: str = "sqlite:///linli.db"
    database_pool_size: int = Field(default=20, ge=1)
    redis_url: str = ""  # set: every process shares the send budget and web pushes here
    redis_prefix: str = "linli"  # the keys' prefix, one per bot on a shared Redis
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    web_secret: SecretStr | None = None
    demo: bool | None = None
    timezone: str = "Asia/Shanghai"
    locale: str = "zh-CN"
    taxonomy: Path | None = None
    nlp_model: Path | None = None
    roster: Path | None = None
    data_dir: Path = Path("var")
    telegram_token: SecretStr | None = None
    telegram_library: Literal["ptb", "aiogram"] = "ptb"  # python-telegram-bot or aiogram 3
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    clock_interval_seconds: float = 30.0
    open311_categories: str = ""  # e.g. "env,infra,traffic,safety": the open API shows these
    places_poll_seconds: float = 5.0  # how soon another process's roster change is understood
    calendar: Path | None = None
    accountability: Path | None = None
    outbox: DeliveryPolicy = DeliveryPolicy()
    policy: Policy = Policy()

    @property
    def demo_mode(self) -> bool:
        """Demo is on for the embedded default (SQLite, no Telegram, no roster file of one's
        own) unless said otherwise: a real roster must never be played by web visitors."""
        if self.demo is not None:
            return self.demo
        return (
            self.database_url.startswith("sqlite")
            and self.telegram_token is None
            and self.roster is None
        )
