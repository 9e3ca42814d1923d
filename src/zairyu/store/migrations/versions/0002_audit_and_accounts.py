"""audit entries carry the state they produced and their case; sign-in throttle

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import zairyu.store.tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("state", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_entries_case_id"), ["case_id"], unique=False)
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", zairyu.store.tables.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_case_id"))
        batch_op.drop_column("state")
        batch_op.drop_column("case_id")
