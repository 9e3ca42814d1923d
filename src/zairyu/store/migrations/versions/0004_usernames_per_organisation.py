"""usernames unique per organisation, not across the store; each user's interface language
(issues 13 and 11)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

A username was unique in the whole store, so "this username is taken" told an admin that the
name existed in another organisation. It is now unique per (organisation, username). Every
existing user keeps their name, password, sessions and tokens: names that were unique in the
store are unique in their organisation.

On SQLite the table is rebuilt (batch mode), with foreign keys off and checked before the
commit (``Database.migrating``).
Downgrading restores store-wide names, and refuses, naming no one, while two organisations
have a user of the same name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PER_ORGANISATION = "uq_users_org_id_username"
# The store-wide constraint of 0001 was created without a name: PostgreSQL called it
# users_username_key; SQLite has none, so batch mode names it by this convention to drop it.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _store_wide_name(bind: sa.engine.Connection) -> str:
    for constraint in sa.inspect(bind).get_unique_constraints("users"):
        if constraint["column_names"] == ["username"] and constraint["name"]:
            return str(constraint["name"])
    return "uq_users_username"


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("users", naming_convention=NAMING) as batch_op:
        batch_op.drop_constraint(_store_wide_name(bind), type_="unique")
        batch_op.create_unique_constraint(PER_ORGANISATION, ["org_id", "username"])
        batch_op.add_column(sa.Column("lang", sa.String(length=2), nullable=True))


def downgrade() -> None:
    bind = op.get_bind()
    shared = bind.execute(
        sa.text(
            "SELECT count(*) FROM "
            "(SELECT username FROM users GROUP BY username HAVING count(*) > 1) AS shared"
        )
    ).scalar_one()
    if shared:
        raise RuntimeError(
            f"cannot downgrade below 0004: {shared} username(s) are used in more than one "
            "organisation; make those usernames distinct first"
        )
    with op.batch_alter_table("users", naming_convention=NAMING) as batch_op:
        batch_op.drop_column("lang")
        batch_op.drop_constraint(PER_ORGANISATION, type_="unique")
        batch_op.create_unique_constraint(
            "users_username_key" if bind.dialect.name == "postgresql" else "uq_users_username",
            ["username"],
        )
