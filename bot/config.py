"""Settings from ``LINLI_`` environment variables and an optional ``.env`` file."""

from pathlib import Path

from pydantic import BaseModel, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class PolicySettings(BaseModel):
    max_open_claims: int = 5
    auto_close_days: float = 3.0
    max_reopens: int = 2
    invite_ttl_hours: float = 72.0
    duplicate_window_hours: float = 72.0
    low_rating: int = 2
    remind_at_fraction: float = 0.75
    escalate_after_hours: float = 24.0
    stale_claim_hours: float = 72.0
    digest_hour: int = 8


class OutboxSettings(BaseModel):
    """Delivery of the outbox: tries before a message is dead, waits between them, leases."""

    max_attempts: int = 12
    backoff_seconds: float = 2.0
    backoff_max_seconds: float = 900.0
    lease_seconds: float = 120.0
    poll_seconds: float = 1.0
    batch: int = 50


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LINLI_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    database_url: str = "sqlite:///linli.db"
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
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    clock_interval_seconds: float = 30.0
    calendar: Path | None = None
    outbox: OutboxSettings = OutboxSettings()
    policy: PolicySettings = PolicySettings()

    @property
    def demo_mode(self) -> bool:
        """Demo is on for the embedded default (SQLite, no Telegram) unless said otherwise."""
        if self.demo is not None:
            return self.demo
        return self.database_url.startswith("sqlite") and self.telegram_token is None
