"""accountability: the points ledger, service hours, star levels, wishes and promises

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:41:53.117849
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "promise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["marked_by"], ["person.id"], name=op.f("fk_promise_marked_by_person")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_promise_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promise")),
    )
    with op.batch_alter_table("promise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promise_person_id"), ["person_id"], unique=False)

    op.create_table(
        "star_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("subject_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by"], ["person.id"], name=op.f("fk_star_level_published_by_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_star_level")),
        sa.UniqueConstraint("month", "scope", "subject_key", name=op.f("uq_star_level_month")),
    )
    op.create_table(
        "service_hours",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_service_hours_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_service_hours_request_id_request")
        ),
        sa.PrimaryKeyConstraint("request_id", "person_id", name=op.f("pk_service_hours")),
    )
    op.create_table(
        "wish",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("photo", sa.String(length=200), nullable=True),
        sa.Column("photo_public", sa.Boolean(), nullable=True),
        sa.Column("thanks", sa.Text(), nullable=False),
        sa.Column("thanks_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_wish_request_id_request")
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_wish")),
    )
    op.create_table(
        "point_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("rule", sa.String(length=24), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_point_entry_actor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["point_entry.id"], name=op.f("fk_point_entry_corrects_id_point_entry")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["request_event.id"], name=op.f("fk_point_entry_event_id_request_event")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_point_entry_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["request.id"], name=op.f("fk_point_entry_request_id_request")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_entry")),
        sa.UniqueConstraint("rule", "event_id", "person_id", name=op.f("uq_point_entry_rule")),
    )
    with op.batch_alter_table("point_entry", schema=None) as batch_op:
        batch_op.create_index("ix_point_entry_month", ["month", "person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("point_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_point_entry_month")

    op.drop_table("point_entry")
    op.drop_table("wish")
    op.drop_table("service_hours")
    op.drop_table("star_level")
    with op.batch_alter_table("promise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promise_person_id"))

    op.drop_table("promise")
