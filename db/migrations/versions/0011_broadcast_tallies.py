"""broadcasts keep the tallies of their deleted outbox rows

Delivered and dead outbox rows are deleted after LINLI_POLICY__OUTBOX_KEEP_DAYS (they hold
the words sent and the chats they went to), and /forget deletes a resident's. A broadcast
counted its deliveries from those rows: each now keeps how many of its rows were deleted
after being delivered (delivered_gone) or given up on (failed_gone).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 07:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("broadcast") as table:
        for name in ("delivered_gone", "failed_gone"):
            table.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("broadcast") as table:
        table.drop_column("failed_gone")
        table.drop_column("delivered_gone")
