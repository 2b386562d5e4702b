"""web chat transcript and uploads

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_message")),
    )
    with op.batch_alter_table("web_message", schema=None) as batch_op:
        batch_op.create_index("ix_web_message_chat", ["chat_id", "id"], unique=False)
    op.create_table(
        "web_upload",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_web_upload")),
    )
    with op.batch_alter_table("web_upload", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_upload_owner"), ["owner"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("web_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_upload_owner"))
    op.drop_table("web_upload")
    with op.batch_alter_table("web_message", schema=None) as batch_op:
        batch_op.drop_index("ix_web_message_chat")
    op.drop_table("web_message")
