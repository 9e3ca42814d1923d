"""When the database refuses a write, the log says which request, what class of error and which
route: never the values that were sent (names, dates, notes, reasons, passwords, hashes)."""

from __future__ import annotations

import logging
import re
import uuid
from contextlib import contextmanager

import pytest
from api_fixtures import PASSWORD, stored
from sqlalchemy import text
from store_fixtures import HOUSEHOLD

from zairyu.store.access import UserRole

SECRET_NAME = "Tanaka Hanako"
SECRET_BIRTH = "1985-04-02"
HOUSEHOLD_WITH_NOTE = {**HOUSEHOLD, "notes": f"{SECRET_NAME}, born {SECRET_BIRTH}"}


@contextmanager
def failing_writes(db, table):
    """Every insert or update of ``table`` fails inside the database (a trigger raises)."""
    postgres = db.url.startswith("postgresql")
    with db.engine.begin() as c:
        if postgres:
            c.execute(
                text(
                    "CREATE OR REPLACE FUNCTION zairyu_refuse() RETURNS trigger AS "
                    "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
                )
            )
            c.execute(
                text(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT OR UPDATE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION zairyu_refuse()"
                )
            )
        else:
            for when in ("INSERT", "UPDATE"):
                c.execute(
                    text(
                        f"CREATE TRIGGER refuse_{table}_{when} BEFORE {when} ON {table} "
                        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                    )
                )
    try:
        yield
    finally:
        with db.engine.begin() as c:
            if postgres:
                c.execute(text(f"DROP TRIGGER refuse_{table} ON {table}"))
            else:
                for when in ("INSERT", "UPDATE"):
                    c.execute(text(f"DROP TRIGGER refuse_{table}_{when}"))


def _writes(api):
    """(table, route, call, values that must not be logged) for each kind of write."""
    admin = api.member(UserRole.admin)
    case = api.new_case(admin)
    base = f"/api/v1/cases/{case['id']}"
    reminder = admin.client.post(
        f"{base}/reminders", json={"kind": "reporting", "due_on": "2025-01-15", "title": "Report"}
    ).json()
    new_password = f"pw-{uuid.uuid4().hex}"
    new_user = f"user-{uuid.uuid4().hex[:8]}"
    me = admin.client.get("/api/v1/users/me").json()
    return [
        (
            "cases",
            "/cases",
            lambda: admin.client.post(
                "/api/v1/cases",
                json={"reference": f"REF-{SECRET_NAME}", "household": HOUSEHOLD_WITH_NOTE},
            ),
            [SECRET_NAME, SECRET_BIRTH],
        ),
        (
            "case_versions",
            "/cases/{case_id}",
            lambda: admin.client.patch(base, json={"version": 1, "household": HOUSEHOLD_WITH_NOTE}),
            [SECRET_NAME],
        ),
        (
            "case_versions",
            "/cases/{case_id}/persons",
            lambda: admin.client.post(
                f"{base}/persons",
                json={
                    "version": 1,
                    "person": {"id": "p9", "role": "parent", "date_of_birth": SECRET_BIRTH},
                    "note": SECRET_NAME,
                },
            ),
            [SECRET_NAME, SECRET_BIRTH],
        ),
        (
            "events",
            "/cases/{case_id}/events",
            lambda: admin.client.post(
                f"{base}/events",
                json={
                    "kind": "interview",
                    "occurred_on": "2024-02-03",
                    "person_ids": ["p1"],
                    "details": {"description": f"{SECRET_NAME} said"},
                },
            ),
            [SECRET_NAME],
        ),
        (
            "evidence",
            "/cases/{case_id}/evidence",
            lambda: admin.client.post(
                f"{base}/evidence",
                json={
                    "title": f"{SECRET_NAME} birth certificate",
                    "kind": "certificate",
                    "note": f"born {SECRET_BIRTH}",
                },
            ),
            [SECRET_NAME, SECRET_BIRTH],
        ),
        (
            "decisions",
            "/cases/{case_id}/decisions",
            lambda: admin.client.post(
                f"{base}/decisions",
                json={
                    "outcome": "refused",
                    "person_ids": ["p1"],
                    "reasons": f"{SECRET_NAME} overstayed",
                    "decided_by": "Minister",
                    "decided_on": "2024-09-30",
                },
            ),
            [SECRET_NAME],
        ),
        (
            "reminders",
            "/cases/{case_id}/reminders/{reminder_id}",
            lambda: admin.client.patch(f"{base}/reminders/{reminder['id']}", json={"done": True}),
            [reminder["id"]],
        ),
        (
            "assessments",
            "/cases/{case_id}/assessments",
            lambda: admin.client.post(f"{base}/assessments", json={"as_of": "2024-06-01"}),
            [SECRET_BIRTH],
        ),
        (
            "users",
            "/users",
            lambda: admin.client.post(
                "/api/v1/users",
                json={"username": new_user, "role": "reviewer", "password": new_password},
            ),
            [new_user, new_password, "$argon2"],
        ),
        (
            "users",
            "/users/{user_id}/password",
            lambda: admin.client.put(
                f"/api/v1/users/{me['id']}/password",
                json={"password": new_password, "current_password": PASSWORD},
            ),
            [new_password, "$argon2"],
        ),
        (
            "api_tokens",
            "/users/me/tokens",
            lambda: admin.client.post("/api/v1/users/me/tokens", json={"name": SECRET_NAME}),
            [SECRET_NAME],
        ),
        (
            "browser_sessions",
            "/session",
            lambda: api.client.post("/api/v1/session", json=admin.credentials(PASSWORD)),
            [PASSWORD, admin.username],
        ),
    ]


def test_a_failed_write_of_each_kind_logs_no_submitted_value(api, caplog):
    caplog.set_level(logging.DEBUG)
    hits, checked = [], 0
    for table, route, call, secrets in _writes(api):
        caplog.clear()
        with failing_writes(api.db, table):
            response = call()
        assert response.status_code in (409, 503), f"{route}: {response.status_code}"
        assert "refused by the test" not in response.text
        logged = "\n".join(
            f"{r.getMessage()} {r.exc_text or ''} {r.exc_info or ''}"
            for r in caplog.records
            if not r.name.startswith(("httpx", "httpcore"))  # the test's client, not the server
        )
        hits += [(route, s) for s in secrets if s in logged]
        assert re.search(rf"request \w+: \w+Error on \w+ [^ ]*{re.escape(route)} ", logged), logged
        checked += 1
    assert checked == 12
    assert hits == []


def test_after_a_failed_write_the_next_request_works(api):
    member = api.member()
    with failing_writes(api.db, "cases"):
        assert member.client.post(
            "/api/v1/cases", json={"reference": "x", "household": HOUSEHOLD}
        ).status_code in (409, 503)
    assert api.new_case(member)["household"] == stored(HOUSEHOLD)


def test_a_household_check_does_not_quote_the_dates_sent(api):
    member = api.member()
    person = {
        "id": "p",
        "role": "parent",
        "date_of_birth": "1985-04-02",
        "immigration": {"entry_date": "1980-01-09"},
    }
    answer = member.client.post(
        "/api/v1/cases", json={"reference": "r", "household": {"id": "h", "members": [person]}}
    )
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["path"].endswith("immigration.entry_date")
    assert "1985-04-02" not in answer.text and "1980-01-09" not in answer.text


@pytest.mark.parametrize("where", ["role", "date_of_birth", "reference", "outcome", "kind"])
def test_a_422_never_echoes_the_value_sent(api, where):
    member = api.member()
    marker = f"MARKER{uuid.uuid4().hex[:6]}"
    case = api.new_case(member)
    bodies = {
        "role": (
            "post",
            "/api/v1/cases",
            {"reference": "r", "household": {"id": "h", "members": [{"id": "p", "role": marker}]}},
        ),
        "date_of_birth": (
            "post",
            "/api/v1/cases",
            {
                "reference": "r",
                "household": {
                    "id": "h",
                    "members": [{"id": "p", "role": "parent", "date_of_birth": marker}],
                },
            },
        ),
        "reference": ("post", "/api/v1/cases", {"reference": marker * 20, "household": HOUSEHOLD}),
        "outcome": (
            "post",
            f"/api/v1/cases/{case['id']}/decisions",
            {
                "outcome": marker,
                "person_ids": ["p1"],
                "decided_by": "M",
                "decided_on": "2024-01-01",
            },
        ),
        "kind": (
            "post",
            f"/api/v1/cases/{case['id']}/events",
            {"kind": marker, "occurred_on": marker},
        ),
    }
    method, url, body = bodies[where]
    response = member.client.request(method, url, json=body)
    assert response.status_code == 422
    assert marker not in response.text
