"""A site on a fresh SQLite store, with members of organisations who sign in through the pages."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.database import Database
from zairyu.store.tables import Organisation
from zairyu.web.app import create_app
from zairyu.web.settings import Settings

PASSWORD = "correct horse battery staple"
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
NO_DELAY = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0)


@dataclass
class Site:
    db: Database
    accounts: Accounts
    client: TestClient
    organisations: dict[str, str] = field(default_factory=dict)  # username: organisation name

    def member(self, role: UserRole = UserRole.admin, org_id: str | None = None) -> tuple[str, str]:
        org_id = org_id or self.accounts.add_org(f"org-{uuid.uuid4().hex[:8]}")
        username = f"user-{uuid.uuid4().hex[:8]}"
        self.accounts.add_user(org_id, username, role, PASSWORD)
        with self.db.reading() as s:
            name = s.scalar(select(Organisation.name).where(Organisation.id == org_id))
        self.organisations[username] = str(name)
        return username, org_id

    def browser(self, username: str, lang: str = "en", organisation: str = "") -> TestClient:
        """A signed-in client of its own (its own cookies), with the page language chosen.

        ``organisation``: the name of the user's organisation, for a user ``member`` did not make.
        """
        client = TestClient(self.client.app, base_url="https://testserver")
        client.cookies.set("zairyu_lang", lang)
        page = client.get("/sign-in")
        token = hidden(page.text, "signin_token")
        response = client.post(
            "/sign-in",
            data={
                "organisation": organisation or self.organisations[username],
                "username": username,
                "password": PASSWORD,
                "signin_token": token,
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return client


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def csrf(client: TestClient, path: str = "/cases") -> str:
    return hidden(client.get(path).text, "csrf_token")


def make_site(folder: Path) -> Site:
    db = Database(f"sqlite:///{folder / 'zairyu.db'}")
    db.upgrade()
    settings = Settings(
        database_url=db.url,
        hasher=FAST_HASHER,
        login=NO_DELAY,
        upgrade_on_start=False,
        evidence_dir=folder / "evidence",
    )
    client = TestClient(create_app(settings), base_url="https://testserver")
    return Site(db, Accounts(db, FAST_HASHER, NO_DELAY), client)
