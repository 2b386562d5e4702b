"""web transcript ids are never reused (SQLite AUTOINCREMENT)

A page keeps the messages it has shown by id; SQLite hands a deleted row's id out again
(its rowid) once the newest rows of a chat are gone, as after /forget, and the page then took
the new message for one it already had. PostgreSQL's sequence never goes back: nothing to do.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "web_message", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
