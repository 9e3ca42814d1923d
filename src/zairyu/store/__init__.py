"""The case store: SQLAlchemy tables, Alembic migrations, repositories and the audit trail.

Organisation isolation lives here, in the data-access layer: every repository is opened for
one actor, and every query it runs is filtered by the actor's organisation.
"""
