"""outbox ids are never reused (SQLite AUTOINCREMENT)

/forget deletes the outbox rows addressed to the resident's private chats. SQLite hands the
newest deleted row's id out again (its rowid): the farewell that follows would take the id of
a prompt a sender may still hold under lease, whose "sent" would then mark the farewell sent.
PostgreSQL's sequence never goes back: nothing to do. The table is rebuilt with its indexes,
the partial index of unsent rows included.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
UNSENT = "status IN ('pending', 'sending')"


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index("ix_outbox_chat_unsent", table_name="outbox")
    with op.batch_alter_table(
        "outbox", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
    op.create_index(
        "ix_outbox_chat_unsent",
        "outbox",
        ["channel", "chat_id", "id"],
        unique=False,
        sqlite_where=sa.text(UNSENT),
    )


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
