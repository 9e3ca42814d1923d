"""A throwaway demonstration site: a SQLite store in a temporary folder, an organisation, an
admin and a caseworker with random passwords, and the example households as cases."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.web.routes.cases import checked

ORG = "Demo organisation"


@dataclass(frozen=True)
class Demo:
    database_url: str
    users: list[tuple[str, str, str]]  # (username, role, password)
    cases: int


def make_demo(folder: Path, examples: Path | None = None) -> Demo:
    """Create the demo store in ``folder``; the examples (``*.json``) become cases if given."""
    db = Database(f"sqlite:///{folder / 'demo.db'}")
    db.upgrade()
    accounts = Accounts(db)
    org_id = accounts.add_org(ORG)
    users = []
    for username, role in (
        ("demo-admin", UserRole.admin),
        ("demo-caseworker", UserRole.caseworker),
    ):
        password = secrets.token_urlsafe(12)
        accounts.add_user(org_id, username, role, password)
        users.append((username, role.value, password))
    made = 0
    if examples is not None and examples.is_dir():
        actor = accounts.login(ORG, users[0][0], users[0][2], None).actor
        assert actor is not None
        for path in sorted(examples.glob("*.json")):
            household = checked(json.loads(path.read_text(encoding="utf-8")))
            Cases(db).create(actor, f"DEMO-{path.stem[:2]}", household, "demo example")
            made += 1
    db.dispose()
    return Demo(db.url, users, made)
