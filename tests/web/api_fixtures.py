"""An API on SQLite and on PostgreSQL, and members of organisations who call it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from store_fixtures import FAST_HASHER, HOUSEHOLD, db  # noqa: F401 (fixture)

from zairyu.model.household import Household
from zairyu.store.access import UserRole
from zairyu.store.accounts import Accounts, LoginPolicy
from zairyu.store.database import Database
from zairyu.store.tables import Organisation
from zairyu.web.app import create_app
from zairyu.web.settings import Settings

PASSWORD = "correct horse battery staple"
NO_DELAY = LoginPolicy(delay_per_failure_s=0.0, max_delay_s=0.0)


@dataclass
class Member:
    client: TestClient
    username: str
    org_id: str
    token: str
    organisation: str  # its name, as a user types it to sign in

    def credentials(self, password: str) -> dict[str, str]:
        """The body of ``POST /api/v1/session`` for this member."""
        return {"organisation": self.organisation, "username": self.username, "password": password}


@dataclass
class Api:
    db: Database
    client: TestClient
    accounts: Accounts

    def org(self) -> str:
        return self.accounts.add_org(f"org-{uuid.uuid4().hex[:8]}")

    def member(
        self,
        role: UserRole = UserRole.caseworker,
        org_id: str | None = None,
        username: str | None = None,
    ) -> Member:
        org_id = org_id or self.org()
        username = username or f"user-{uuid.uuid4().hex[:8]}"
        self.accounts.add_user(org_id, username, role, PASSWORD)
        organisation = self.organisation(org_id)
        actor = self.accounts.login(organisation, username, PASSWORD, None).actor
        assert actor is not None
        _, token = self.accounts.issue_token(actor, "tests")
        client = TestClient(
            self.client.app,
            base_url="https://testserver",
            headers={"Authorization": f"Bearer {token}"},
        )
        return Member(client, username, org_id, token, organisation)

    def organisation(self, org_id: str) -> str:
        """The name of an organisation, which signing in asks for."""
        with self.db.reading() as s:
            return str(s.scalar(select(Organisation.name).where(Organisation.id == org_id)))

    def new_case(self, member: Member, household: dict | None = None) -> dict:
        response = member.client.post(
            "/api/v1/cases", json={"reference": "F-1", "household": household or HOUSEHOLD}
        )
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture(scope="module")
def api(db: Database) -> Iterator[Api]:  # noqa: F811
    settings = Settings(
        database_url=db.url,
        audit_key_file=db.audit_key_file,
        hasher=FAST_HASHER,
        login=NO_DELAY,
        upgrade_on_start=False,
        max_body_bytes=200_000,
    )
    app = create_app(settings)
    with TestClient(app, base_url="https://testserver") as client:
        yield Api(db, client, Accounts(db, FAST_HASHER, NO_DELAY))


def stored(household: dict) -> dict:
    """A household as the store keeps it: validated, every fact present (unknown as null)."""
    return Household.model_validate(household).model_dump(mode="json")
