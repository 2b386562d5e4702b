"""inbox holds pending updates; process heartbeats for the owners of outbox leases

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=8), nullable=False, server_default="handled")
        )
        batch_op.add_column(sa.Column("event", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_inbox_pending", ["status", "channel", "user_id", "id"], unique=False
        )
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.alter_column("status", server_default=None)
    op.create_table(
        "process",
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_process")),
    )


def downgrade() -> None:
    op.drop_table("process")
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_pending")
        batch_op.drop_column("handled_at")
        batch_op.drop_column("event")
        batch_op.drop_column("status")
        batch_op.drop_column("user_id")
