"""What the tests' fixtures hand out: an injected clock, the service context (``Env``) and
a two-category taxonomy."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncEngine

from core.context import Context, Policy
from core.messages import t
from db.session import session_factory
from db.uow import SqlAlchemyUnitOfWork


class FixedClock:
    """Time is data: tests move it by hand."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Env:
    """Everything a service test needs: a fresh unit of work per call, the clock, the rules."""

    engine: AsyncEngine
    clock: FixedClock
    policy: Policy
    taxonomy: "FakeTaxonomy"

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(session_factory(self.engine), self.clock)

    @property
    def ctx(self) -> Context:
        return Context(now=self.clock.now(), policy=self.policy, taxonomy=self.taxonomy)


class FakeTaxonomy:
    """A two-category taxonomy, enough for the core's tests (nlp/ has the real one)."""

    NAMES: ClassVar[dict[str, str]] = {
        "repair": "房屋与设施维修",
        "env": "环境卫生",
        "care": "帮扶救助与养老助残",
        "other": "其他",
        "repair.corridor_light": "楼道灯",
        "env.rubbish": "垃圾清运",
    }
    POSTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "repair.corridor_light": ("信息收集员",),
        "env.rubbish": ("环境卫生员",),
    }

    def category_name(self, code: str) -> str:
        return self.NAMES.get(code, code)

    def subcategory_name(self, code: str | None) -> str:
        return self.NAMES.get(code or "", code or "")

    def type_name(self, code: str) -> dict[str, Any]:
        return t(f"type.{code}")

    def deadline_hours(self, subcategory: str | None, urgent: bool) -> tuple[float, float]:
        return (0.5, 4.0) if urgent else (24.0, 72.0)

    def posts_for(self, subcategory: str | None) -> tuple[str, ...]:
        return self.POSTS.get(subcategory or "", ())

    def categories(self) -> list[tuple[str, str]]:
        return [(c, n) for c, n in self.NAMES.items() if "." not in c]
