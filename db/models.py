"""SQLAlchemy 2.0 models: the schema Alembic migrates."""

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in Python on both SQLite (which stores naive) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class CommunityRow(Base):
    __tablename__ = "community"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", use_alter=True))


class GridRow(Base):
    __tablename__ = "grid"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))


class BuildingRow(Base):
    __tablename__ = "building"
    __table_args__ = (UniqueConstraint("grid_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grid.id"))
    name: Mapped[str] = mapped_column(String(100))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class PersonRow(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    roster_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("building.id"))
    address_detail: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    share_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    posts: Mapped[list[Any]] = mapped_column(default=list)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class IdentityRow(Base):
    __tablename__ = "channel_identity"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    chat_id: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class ChatBindingRow(Base):
    """A group chat (or web room) that speaks for a grid or a community."""

    __tablename__ = "chat_binding"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))


class RequestRow(Base):
    __tablename__ = "request"
    __table_args__ = (Index("ix_request_grid_status", "grid_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[str] = mapped_column(Text)
    photos: Mapped[list[Any]] = mapped_column(default=list)
    resident_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    category: Mapped[str] = mapped_column(String(32))
    subcategory: Mapped[str | None] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(16))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"))
    building_id: Mapped[int | None] = mapped_column(ForeignKey("building.id"))
    address: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    level: Mapped[str] = mapped_column(String(16), default="grid")
    claimant_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("request.id"))
    outcome: Mapped[str | None] = mapped_column(String(16))
    reject_reason: Mapped[str | None] = mapped_column(String(500))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    claim_by: Mapped[datetime | None]
    resolve_by: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    last_progress_at: Mapped[datetime | None]
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)


class RequestEventRow(Base):
    """Append-only audit trail of every action on a request."""

    __tablename__ = "request_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class FollowerRow(Base):
    """Residents who said "me too" on someone else's request."""

    __tablename__ = "request_follower"
    __table_args__ = (UniqueConstraint("request_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    at: Mapped[datetime]


class RatingRow(Base):
    __tablename__ = "rating"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), unique=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class DayCounterRow(Base):
    """The last request number issued on a day (numbers read 20261122-0012)."""

    __tablename__ = "day_counter"
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class StampRow(Base):
    """A number bumped whenever what it names changes (``places``: communities, grids,
    buildings and their aliases), so that every process can tell its copy is stale."""

    __tablename__ = "stamp"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, default=0)


class InviteRow(Base):
    __tablename__ = "invite"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grid.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id"))
    role: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))


class DialogStateRow(Base):
    __tablename__ = "dialog_state"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32), default="")
    step: Mapped[str] = mapped_column(String(32), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class InboxRow(Base):
    """Every inbound update, committed before the platform is told we have it (the next
    ``getUpdates`` offset, the webhook's or the web chat's HTTP answer). A ``pending`` row
    holds the update as the dialogs see it and is handled later, oldest first per user; the
    turn marks it ``handled`` (and drops the copy) in its own transaction. Unique by channel
    + update id: a redelivery has no second effect."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("channel", "update_id"),
        Index("ix_inbox_pending", "status", "channel", "user_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(8), default="handled")
    event: Mapped[dict[str, Any] | None]
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]


UNSENT_ROWS = "status IN ('pending', 'sending')"


class OutboxRow(Base):
    """A message to deliver, committed with the state change that caused it."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index(  # a chat's unsent rows: the claim asks it of every due row
            "ix_outbox_chat_unsent",
            "channel",
            "chat_id",
            "id",
            postgresql_where=text(UNSENT_ROWS),
            sqlite_where=text(UNSENT_ROWS),
        ),
        {"sqlite_autoincrement": True},  # /forget deletes rows: never hand an id out twice
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64), index=True)
    ref: Mapped[str | None] = mapped_column(String(64))
    edit: Mapped[bool] = mapped_column(Boolean, default=False)
    reply: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    broadcast_id: Mapped[int | None] = mapped_column(Integer, index=True)  # yields to the rest


class ProcessRow(Base):
    """A running linli process, by the owner name its outbox leases carry: it beats every
    second or so; the leases of an owner whose beat stopped are taken back at once."""

    __tablename__ = "process"
    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime]
    seen_at: Mapped[datetime]


class MessageRefRow(Base):
    """The platform's id of a message we sent, so later state changes edit it in place."""

    __tablename__ = "message_ref"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "ref"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    ref: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))


class SlaMarkRow(Base):
    """An event the clock fired (a reminder, a breach, a digest): at most once per round.

    ``subject_id`` is a request's id, or a person's for a digest; ``round`` tells repeated
    occasions apart (the deadline or claim it belongs to, the digest's day).
    """

    __tablename__ = "sla_mark"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    round: Mapped[int] = mapped_column(BigInteger)
    fired_at: Mapped[datetime]


class WebMessageRow(Base):
    """The web chat's transcript: what a chat (a session's private chat or a web room) shows.

    ``kind`` is ``bot`` (``body`` is a stored reply, rendered in the reader's language when
    read) or ``user`` (``body`` holds what the person typed or uploaded).
    """

    __tablename__ = "web_message"
    __table_args__ = (
        Index("ix_web_message_chat", "chat_id", "id"),
        {"sqlite_autoincrement": True},  # a page knows messages by id: never hand one out twice
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    body: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WebUploadRow(Base):
    """A photo uploaded through the web chat, stored on disk under a generated name."""

    __tablename__ = "web_upload"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]


class UnitRow(Base):
    """A co-building unit (驻区单位/共建单位) of the community's 大党委."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(32), default="")
    org: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class UnitResourceRow(Base):
    """One line of a unit's 资源清单: a venue, vehicle, equipment, funds or a skill."""

    __tablename__ = "unit_resource"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(32), default="")
    amount: Mapped[str] = mapped_column(String(100), default="")


class UnitServiceRow(Base):
    """One line of a unit's 服务清单: what it offers, for which categories, how many at once."""

    __tablename__ = "unit_service"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    categories: Mapped[list[Any]] = mapped_column(default=list)
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    capacity: Mapped[int] = mapped_column(Integer, default=1)


class PointEntryRow(Base):
    """积分台账: points and service hours, each with the request (and event) behind it.

    Rule lines are derived from the audit trail (unique per rule, event and person); a
    ``correction`` line is an admin's, with its reason and the line it corrects."""

    __tablename__ = "point_entry"
    __table_args__ = (
        UniqueConstraint("rule", "event_id", "person_id"),
        Index("ix_point_entry_month", "month", "person_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("request_event.id"))
    rule: Mapped[str] = mapped_column(String(24))
    points: Mapped[int] = mapped_column(Integer, default=0)
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("point_entry.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime]


class ServiceHoursRow(Base):
    """The hours a member entered for a request they resolved (志愿服务时长)."""

    __tablename__ = "service_hours"
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    hours: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime]


class StarLevelRow(Base):
    """星级创评: a month's level for a grid, member or unit, proposed by the rules, then
    published by an admin. ``reasons``: each rule with its figure and whether it was met."""

    __tablename__ = "star_level"
    __table_args__ = (UniqueConstraint("month", "scope", "subject_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(16))
    subject_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    proposed_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    published_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"))


class WishRow(Base):
    """What a micro-wish adds to its request: the fulfilment photo, whether the resident lets
    the wall show it, and their thank-you."""

    __tablename__ = "wish"
    request_id: Mapped[int] = mapped_column(ForeignKey("request.id"), primary_key=True)
    photo: Mapped[str | None] = mapped_column(String(200))
    photo_public: Mapped[bool | None] = mapped_column(Boolean)
    thanks: Mapped[str] = mapped_column(Text, default="")
    thanks_at: Mapped[datetime | None]


class PromiseRow(Base):
    """亮承诺: a member's or unit's public commitment for a period, and whether it was kept."""

    __tablename__ = "promise"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    marked_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class BroadcastRow(Base):
    """A notice a leader, an admin or a 政策宣传员 sent to grids or the community; its
    outbox rows carry its id. ``token`` is the confirm's: a second confirm finds this row."""

    __tablename__ = "broadcast"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    sender_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    scope: Mapped[str] = mapped_column(String(16))
    grid_ids: Mapped[list[Any]]
    text: Mapped[str] = mapped_column(Text)
    skipped: Mapped[int] = mapped_column(Integer)  # residents in scope who opted out
    created_at: Mapped[datetime]
    # its outbox rows deleted after delivery or after being given up on (retention, /forget)
    delivered_gone: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_gone: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BroadcastOptOutRow(Base):
    """A person who replied 退订: no broadcasts until they reply 订阅."""

    __tablename__ = "broadcast_optout"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    at: Mapped[datetime]
