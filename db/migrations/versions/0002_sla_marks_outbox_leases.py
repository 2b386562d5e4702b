"""sla marks and outbox leases

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:01:37.389628
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sla_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.BigInteger(), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_mark")),
        sa.UniqueConstraint("kind", "subject_id", "round", name=op.f("uq_sla_mark_kind")),
    )
    with op.batch_alter_table("sla_mark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sla_mark_subject_id"), ["subject_id"], unique=False)

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")

    with op.batch_alter_table("sla_mark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sla_mark_subject_id"))

    op.drop_table("sla_mark")
