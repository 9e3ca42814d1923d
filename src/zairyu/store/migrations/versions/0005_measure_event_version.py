"""measure events carry a version: a change names the version it was made on (issue 14)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events recorded before this revision start at version 1.
    with op.batch_alter_table("measure_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("measure_events", schema=None) as batch_op:
        batch_op.drop_column("version")
