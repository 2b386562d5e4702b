"""The composition root: settings in, a ready dispatcher and its parts out."""

import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.account_file import AccountFileError, read_accountability
from bot.channels import ChannelSender
from bot.charts import ChartFiles
from bot.clock import load_calendars
from bot.config import Settings
from bot.nlp_adapter import NlpUnderstanding, TaxonomyNames
from bot.redis_budget import RedisBudget
from bot.roster_files import read_roster_file
from bot.send_budget import SendBudget
from core.account_policy import Accountability
from core.clock.calendar import Calendars
from core.context import Context, Policy
from core.roster import Roster, RosterError
from db.migrate import upgrade
from db.models import CommunityRow
from db.roster import apply_roster
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from handlers.dispatch import Dispatcher
from handlers.turn import Services
from nlp import Taxonomy, TaxonomyError, load_classifier, load_taxonomy
from nlp.model import Model

logger = logging.getLogger(__name__)

DEMO_ROSTER = Path(__file__).with_name("data") / "demo_roster.yaml"


class SettingError(Exception):
    """A setting names a file the bot cannot use: ``name`` is the setting, ``problem`` says
    why, naming the file (and the line, where there is one)."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


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
    published: tuple[str, ...] = ()  # the categories the open API shows (LINLI_OPEN311_CATEGORIES)
    redis: "Redis | None" = None  # the send budget's, when LINLI_REDIS_URL is set

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.sessions, self.clock)

    def context(self) -> Context:
        return self.services.context()

    def budget(self, channel: ChannelSender) -> SendBudget | None:
        """The send budget ``channel``'s sender spends: shared through Redis when
        LINLI_REDIS_URL is set; None, its own."""
        if self.redis is None:
            return None
        namespace = [self.settings.redis_prefix, channel.channel]
        token = self.settings.telegram_token
        if channel.channel == "telegram" and token is not None:
            namespace.append(token.get_secret_value().partition(":")[0])  # the bot's id
        return RedisBudget(self.redis, ":".join(namespace), channel.limits, channel.is_group)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()


def policy_of(settings: Settings) -> Policy:
    return replace(settings.policy, timezone=settings.timezone)


def turns_at_once(settings: Settings) -> int:
    """SQLite has one writer; a server database, as many turns as the pool keeps connections
    (as many again are left for the outbox sender, the clock and bursts)."""
    return 1 if settings.database_url.startswith("sqlite") else settings.database_pool_size


def read_taxonomy(path: Path | None) -> Taxonomy:
    """The taxonomy ``LINLI_TAXONOMY`` names (None: the shipped one); SettingError if unusable."""
    try:
        return load_taxonomy(path)
    except TaxonomyError as error:
        raise SettingError("LINLI_TAXONOMY", str(error)) from None


def read_model(path: Path | None) -> Model | None:
    """The model ``LINLI_NLP_MODEL`` names, if any, read before anything starts so that
    a bad one stops the bot (SettingError)."""
    if path is None:
        return None
    try:
        return Model.load(path)
    except OSError as error:
        raise SettingError("LINLI_NLP_MODEL", f"{path}: cannot read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        problem = f"{path} line {error.lineno}: not a JSON model file ({error.msg})"
        raise SettingError("LINLI_NLP_MODEL", problem) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        text = str(error)
        if not text.startswith(str(path)):
            text = f"{path}: not a linli model file ({type(error).__name__}: {text})"
        raise SettingError("LINLI_NLP_MODEL", text) from None


def published_categories(settings: Settings, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The categories ``LINLI_OPEN311_CATEGORIES`` publishes (comma separated; none: the open
    API is off); SettingError for a code the taxonomy does not have."""
    codes = tuple(c.strip() for c in settings.open311_categories.split(",") if c.strip())
    known = [category.code for category in taxonomy.categories]
    unknown = [code for code in codes if code not in known]
    if unknown:
        problem = f"unknown category {', '.join(unknown)} (the taxonomy has {', '.join(known)})"
        raise SettingError("LINLI_OPEN311_CATEGORIES", problem)
    return codes


def accountability_of(settings: Settings) -> Accountability:
    """The rules ``LINLI_ACCOUNTABILITY`` names (else the shipped ones); SettingError if bad."""
    try:
        return read_accountability(settings.accountability)
    except AccountFileError as error:
        raise SettingError("LINLI_ACCOUNTABILITY", str(error)) from None


def roster_path(settings: Settings) -> Path | None:
    """The roster file for an empty database: ``LINLI_ROSTER``, else (demo mode) the demo's."""
    return settings.roster or (DEMO_ROSTER if settings.demo_mode else None)


def read_roster(path: Path | None) -> Roster | None:
    """The roster in ``path``: SettingError if the file cannot be read, RosterError if rows
    are wrong (the checks against the database come when it is applied)."""
    if path is None:
        return None
    try:
        roster = read_roster_file(path)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise SettingError("LINLI_ROSTER", f"{path}: cannot read ({reason})") from None
    if roster.problems:
        raise RosterError(roster.problems)
    return roster


async def connect_redis(url: str) -> "Redis | None":
    """The Redis ``LINLI_REDIS_URL`` names (none when empty), answering; SettingError if not."""
    if not url:
        return None
    try:
        client = Redis.from_url(
            url, decode_responses=True, socket_connect_timeout=5, socket_timeout=5
        )
    except ValueError as error:
        raise SettingError("LINLI_REDIS_URL", f"not a Redis URL ({error})") from None
    try:
        await client.ping()
    except RedisError as error:
        await client.aclose()
        raise SettingError("LINLI_REDIS_URL", f"cannot reach Redis ({error})") from None
    return client


async def prepare_database(settings: Settings, roster: Roster | None = None) -> AsyncEngine:
    """Migrate, and load the roster (``roster`` if already read, else the file of
    ``roster_path``) into an empty database."""
    engine = create_engine(settings.database_url, settings.database_pool_size)
    await upgrade(engine)
    async with session_factory(engine)() as session:
        empty = not await session.scalar(select(func.count()).select_from(CommunityRow))
    if empty and roster is None:
        roster = read_roster(roster_path(settings))
    if empty and roster is not None:
        summary = await apply_roster(engine, roster)
        logger.info("loaded roster %s: %s", roster_path(settings), summary)
    return engine


async def build(settings: Settings) -> Linli:
    """Everything the bot needs; the files the settings name are read and Redis (if set)
    reached first, so a bad one (SettingError, RosterError) stops it before the database is
    touched."""
    taxonomy = read_taxonomy(settings.taxonomy)
    model = read_model(settings.nlp_model)
    accountability = accountability_of(settings)
    published = published_categories(settings, taxonomy)
    roster = read_roster(roster_path(settings))
    redis = await connect_redis(settings.redis_url)
    engine = await prepare_database(settings, roster)
    sessions = session_factory(engine)
    clock = SystemClock()
    uow = SqlAlchemyUnitOfWork(sessions, clock)
    async with uow:
        buildings = await uow.places.buildings()
        grids = await uow.places.grids()
        communities = {c.id: c.name for c in await uow.places.communities()}
    names = [b.name for b in buildings] + [a for b in buildings for a in b.aliases]
    extra_words = [*communities.values(), *names]
    classifier = load_classifier(taxonomy, model, extra_words=extra_words)
    understanding = NlpUnderstanding(
        classifier,
        classifier.segmenter,
        buildings,
        grids,
        communities,
        duplicate_window_hours=settings.policy.duplicate_window_hours,
    )
    policy = policy_of(settings)
    taxonomy_names = TaxonomyNames(taxonomy)
    calendars = load_calendars(settings.calendar, settings.timezone)

    def context() -> Context:
        return Context(clock.now(), policy, taxonomy_names, calendars, accountability)

    services = Services(
        uow=lambda: SqlAlchemyUnitOfWork(sessions, clock),
        context=context,
        understanding=understanding,
        charts=ChartFiles(Path(settings.data_dir) / "charts", settings.locale),
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
        published,
        redis,
    )
