"""The composition root: settings in, a ready dispatcher and its parts out."""

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import load_calendars
from bot.config import Settings
from bot.roster_files import read_roster_file
from bot.understanding import NlpUnderstanding, TaxonomyNames
from core.calendar import Calendars
from core.context import Context, Policy
from db.migrate import upgrade
from db.models import CommunityRow
from db.roster import apply_roster
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.dispatch import Dispatcher
from handlers.turn import Services
from nlp import Segmenter, load_classifier, load_taxonomy

logger = logging.getLogger(__name__)

DEMO_ROSTER = Path(__file__).with_name("data") / "demo_roster.yaml"


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Linli:
    """Everything a running bot shares: database, clock, rules, the dialogs."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: SystemClock
    policy: Policy
    taxonomy: TaxonomyNames
    calendars: Calendars
    services: Services
    dispatcher: Dispatcher

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.sessions, self.clock)

    def context(self) -> Context:
        return self.services.context()

    async def close(self) -> None:
        await self.engine.dispose()


def policy_of(settings: Settings) -> Policy:
    return replace(settings.policy, timezone=settings.timezone)


def turns_at_once(settings: Settings) -> int:
    """SQLite has one writer; a server database, as many turns as the pool keeps connections
    (as many again are left for the outbox sender, the clock and bursts)."""
    return 1 if settings.database_url.startswith("sqlite") else settings.database_pool_size


async def prepare_database(settings: Settings) -> AsyncEngine:
    """Migrate, and load the roster file (or the demo roster) into an empty database."""
    engine = create_engine(settings.database_url, settings.database_pool_size)
    await upgrade(engine)
    roster = settings.roster or (DEMO_ROSTER if settings.demo_mode else None)
    async with session_factory(engine)() as session:
        empty = not await session.scalar(select(func.count()).select_from(CommunityRow))
    if roster is not None and empty:
        summary = await apply_roster(engine, read_roster_file(roster))
        logger.info("loaded roster %s: %s", roster.name, summary)
    return engine


async def build(settings: Settings) -> Linli:
    engine = await prepare_database(settings)
    sessions = session_factory(engine)
    clock = SystemClock()
    taxonomy = load_taxonomy(settings.taxonomy)
    uow = SqlAlchemyUnitOfWork(sessions, clock)
    async with uow:
        buildings = await uow.places.buildings()
        grids = await uow.places.grids()
        communities = {c.id: c.name for c in await uow.places.communities()}
    names = [b.name for b in buildings] + [a for b in buildings for a in b.aliases]
    extra_words = [*communities.values(), *names]
    classifier = load_classifier(taxonomy, settings.nlp_model, extra_words=extra_words)
    segmenter = Segmenter(extra_words, taxonomy=taxonomy)
    understanding = NlpUnderstanding(classifier, segmenter, buildings, grids, communities)
    policy = policy_of(settings)
    taxonomy_names = TaxonomyNames(taxonomy)
    calendars = load_calendars(settings.calendar, settings.timezone)

    def context() -> Context:
        return Context(clock.now(), policy, taxonomy_names, calendars)

    services = Services(
        uow=lambda: SqlAlchemyUnitOfWork(sessions, clock),
        context=context,
        understanding=understanding,
    )
    return Linli(
        settings,
        engine,
        sessions,
        clock,
        policy,
        taxonomy_names,
        calendars,
        services,
        Dispatcher(services, turns_at_once=turns_at_once(settings)),
    )
