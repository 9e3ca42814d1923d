"""Every request gets a clear answer: no lost update, 4xx for bad values, 503 for a database
that is busy, read-only or full, and the headers that keep personal data out of caches."""

from __future__ import annotations

import gc
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from api_fixtures import NO_DELAY, Member
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import text
from store_fixtures import FAST_HASHER, HOUSEHOLD

from zairyu.store.access import UserRole
from zairyu.store.database import Database, StoreUnavailable
from zairyu.web.app import create_app
from zairyu.web.settings import Settings


def _settings(db: Database, url: str | None = None, **changes) -> Settings:
    values = {
        "database_url": url or db.url,
        "audit_key_file": db.audit_key_file,
        "hasher": FAST_HASHER,
        "login": NO_DELAY,
        "upgrade_on_start": False,
    }
    return Settings(**(values | changes))


def _edit_pair(member: Member, case_id: str, n: int) -> bool:
    """One writer changes p1 while another adds a person; True if both changes are kept."""
    url = f"/api/v1/cases/{case_id}"
    version = member.client.get(url).json()["version"]
    changed = {
        **HOUSEHOLD,
        "members": [
            {**HOUSEHOLD["members"][0], "date_of_birth": f"19{50 + n}-01-01"},
            HOUSEHOLD["members"][1],
        ],
    }

    def first():
        return member.client.patch(url, json={"version": version, "household": changed})

    def second():
        for _ in range(100):  # sends the version the first writer is about to commit
            answer = member.client.post(
                f"{url}/persons",
                json={"version": version + 1, "person": {"id": f"x{n}", "role": "other_relative"}},
            )
            if answer.status_code != 409:
                return answer
        return answer

    with ThreadPoolExecutor(max_workers=2) as pool:
        a, b = pool.submit(first), pool.submit(second)
        assert a.result().status_code == 200 and b.result().status_code == 201
    members = member.client.get(url).json()["household"]["members"]
    ids = [m["id"] for m in members]
    return f"x{n}" in ids and members[0]["date_of_birth"] == f"19{50 + n}-01-01"


def test_no_change_to_a_person_is_lost_to_a_concurrent_edit(api):
    member = api.member()
    case = api.new_case(member)
    lost = [n for n in range(15) if not _edit_pair(member, case["id"], n)]
    assert lost == []


def test_a_person_id_cannot_be_renamed(api):
    member = api.member()
    case = api.new_case(member)
    answer = member.client.put(
        f"/api/v1/cases/{case['id']}/persons/p1",
        json={"version": 1, "person": {"id": "p7", "role": "parent"}},
    )
    assert answer.status_code == 422 and "id cannot be changed" in answer.text


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999", "0"])
def test_an_out_of_range_version_number_is_422(api, number):
    member = api.member()
    case = api.new_case(member)
    assert member.client.get(f"/api/v1/cases/{case['id']}/versions/{number}").status_code == 422
    patch = member.client.patch(f"/api/v1/cases/{case['id']}", json={"version": int(number)})
    assert patch.status_code == 422


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("events", {"kind": "entry", "occurred_on": 1700000000}),
        ("events", {"kind": "entry", "occurred_on": "1700000000"}),
        ("reminders", {"kind": "reporting", "due_on": 20250115, "title": "t"}),
        (
            "decisions",
            {
                "outcome": "refused",
                "person_ids": ["p1"],
                "reasons": "r",
                "decided_by": "M",
                "decided_on": 1727654400,
            },
        ),
    ],
)
def test_a_date_given_as_a_bare_number_is_422(api, kind, body):
    member = api.member()
    case = api.new_case(member)
    answer = member.client.post(f"/api/v1/cases/{case['id']}/{kind}", json=body)
    assert answer.status_code == 422
    assert "YYYY-MM-DD" in answer.text


@pytest.mark.parametrize("value", ["true", "yes", 1])
def test_a_boolean_given_as_anything_but_true_or_false_is_422(api, value):
    member = api.member()
    case = api.new_case(member)
    url = f"/api/v1/cases/{case['id']}/reminders"
    reminder = member.client.post(
        url, json={"kind": "reporting", "due_on": "2025-01-15", "title": "t"}
    ).json()
    assert member.client.patch(f"{url}/{reminder['id']}", json={"done": value}).status_code == 422


def test_a_busy_database_is_a_503_that_says_so(api):
    app = create_app(_settings(api.db, busy_timeout_ms=200))
    with TestClient(app, base_url="https://testserver") as client:
        member = api.member()
        headers = {"Authorization": f"Bearer {member.token}"}
        with api.db.engine.connect() as holder:
            if api.db.url.startswith("postgresql"):
                holder.execute(text("BEGIN"))
                holder.execute(text("LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE"))
            else:
                holder.begin()  # zairyu's engine begins with BEGIN IMMEDIATE: the write lock
                holder.execute(text("SELECT 1"))
            answer = client.get("/api/v1/cases", headers=headers)
            holder.rollback()
        assert answer.status_code == 503
        assert "busy" in answer.json()["detail"]
        assert client.get("/api/v1/cases", headers=headers).status_code == 200  # and after


def test_a_read_only_database_is_refused_at_start_up(api, tmp_path):
    if api.db.url.startswith("postgresql"):
        name = api.db.url.rsplit("/", 1)[1]
        with api.db.engine.connect() as c:
            c.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
            c.commit()
        try:
            with pytest.raises(StoreUnavailable, match="read-only"):
                create_app(_settings(api.db))
        finally:
            with api.db.engine.connect() as c:
                c.execute(text("SET default_transaction_read_only = off"))
                c.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off'))
                c.commit()
        return
    path = api.db.url.removeprefix("sqlite:///")
    with pytest.raises(StoreUnavailable, match="read-only"):
        create_app(_settings(api.db, f"sqlite:///file:{path}?mode=ro&uri=true"))


# On PostgreSQL a disk_full error makes SQLAlchemy invalidate the connection, and psycopg then
# reports, when the invalidated connection is collected, an exception in its __del__. That is
# the driver's clean-up of a connection the server failed, not a connection zairyu leaves open
# (the CLI's were, and now close with their command). Collected here, so it is reported here.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function BaseConnection.__del__"
    ":pytest.PytestUnraisableExceptionWarning"
)
def test_a_full_database_is_a_503_that_says_so(api):
    member = api.member()
    if api.db.url.startswith("postgresql"):
        with api.db.engine.begin() as c:
            c.execute(
                text(
                    "CREATE OR REPLACE FUNCTION zairyu_full() RETURNS trigger AS $$ BEGIN RAISE "
                    "EXCEPTION 'could not extend file: No space left on device' USING "
                    "ERRCODE = 'disk_full'; END $$ LANGUAGE plpgsql"
                )
            )
            c.execute(
                text(
                    "CREATE TRIGGER full_cases BEFORE INSERT ON cases FOR EACH ROW "
                    "EXECUTE FUNCTION zairyu_full()"
                )
            )
        try:
            answer = member.client.post(
                "/api/v1/cases", json={"reference": "r", "household": HOUSEHOLD}
            )
        finally:
            with api.db.engine.begin() as c:
                c.execute(text("DROP TRIGGER full_cases ON cases"))
            gc.collect()
    else:
        app = create_app(_settings(api.db))
        full = app.state.services.db.engine

        @__import__("sqlalchemy").event.listens_for(full, "connect")
        def _cap(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        full.dispose()  # connections opened from now on are capped

        case = api.new_case(member)
        with TestClient(app, base_url="https://testserver") as client:
            headers = {"Authorization": f"Bearer {member.token}"}
            for _ in range(200):
                answer = client.post(
                    f"/api/v1/cases/{case['id']}/evidence",
                    headers=headers,
                    json={"title": "t", "kind": "other", "note": "x" * 4000},
                )
                if answer.status_code != 201:
                    break
    assert answer.status_code == 503, answer.text
    assert "full" in answer.json()["detail"]


def test_personal_data_is_served_with_no_store_nosniff_csp_and_hsts_over_tls(api):
    member = api.member()
    answer = member.client.get("/api/v1/cases")
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"
    csp = answer.headers["content-security-policy"]
    for directive in (
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "max-age=" in answer.headers["strict-transport-security"]
    plain = TestClient(api.client.app, base_url="http://testserver")
    assert "strict-transport-security" not in plain.get("/api/v1/openapi.json").headers
    assert re.fullmatch(r"[0-9a-f]{16}", answer.headers["x-request-id"])


def test_the_api_docs_need_sign_in_and_load_nothing_from_another_host(api):
    assert (
        TestClient(api.client.app, base_url="https://testserver").get("/api/v1/docs").status_code
        == 401
    )
    member = api.member(UserRole.reviewer)
    page = member.client.get("/api/v1/docs")
    assert page.status_code == 200 and "POST /api/v1/cases" in page.text
    assert "<script" not in page.text and "<link" not in page.text
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page.text)


def test_a_flood_of_unknown_names_does_not_stall_a_case_read(api):
    app = create_app(_settings(api.db, hasher=PasswordHasher()))  # the real argon2 cost
    with TestClient(app, base_url="https://testserver") as client:
        member = api.member()
        case = api.new_case(member)
        headers = {"Authorization": f"Bearer {member.token}"}

        def sign_in(n):
            return client.post(
                "/api/v1/session",
                json={
                    "organisation": member.organisation,
                    "username": f"nobody-{uuid.uuid4().hex[:6]}",
                    "password": f"guess {n}",
                },
            ).status_code

        def read(_n):
            return client.get(f"/api/v1/cases/{case['id']}", headers=headers).status_code

        with ThreadPoolExecutor(max_workers=24) as pool:
            floods = [pool.submit(sign_in, n) for n in range(30)]
            reads = [pool.submit(read, n) for n in range(15)]
            assert {f.result() for f in floods} <= {401, 429}
            assert {r.result() for r in reads} == {200}
