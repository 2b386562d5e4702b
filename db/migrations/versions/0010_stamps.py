"""stamps: a number bumped with every change of the places, so that each process can tell
its address matcher is stale (a roster imported from the command line, a building added on
another process's console)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 05:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    stamp = op.create_table(
        "stamp",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_stamp")),
    )
    op.bulk_insert(stamp, [{"name": "places", "number": 0}])


def downgrade() -> None:
    op.drop_table("stamp")
