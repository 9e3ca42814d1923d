"""A member's display name identifies a person: a refused request, a failed write and the logs
never hold it (the messages name the member by id), and the assessment result does not carry
it. Only the pages, memos and text report that a reader asked for show it."""

from __future__ import annotations

import logging

from api_fixtures import stored
from store_fixtures import HOUSEHOLD
from test_no_personal_data_in_logs import failing_writes

NAME = "Tanaka Hanako"


def _named(**changes: object) -> dict:
    parent = {**HOUSEHOLD["members"][0], "display_name": NAME, **changes}
    return {**HOUSEHOLD, "members": [parent, HOUSEHOLD["members"][1]]}


def _logged(caplog) -> str:
    return "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.exc_info or ''}"
        for r in caplog.records
        if not r.name.startswith(("httpx", "httpcore"))
    )


def test_a_refused_household_names_the_member_by_id_never_by_display_name(api, caplog):
    caplog.set_level(logging.DEBUG)
    member = api.member()
    answer = member.client.post(
        "/api/v1/cases", json={"reference": "r", "household": _named(date_of_birth="1985-02-30")}
    )
    assert answer.status_code == 422
    assert "members.0.date_of_birth" in answer.text or "members[0]" in answer.text
    assert NAME not in answer.text and NAME not in _logged(caplog)


def test_a_display_name_that_is_refused_is_not_echoed(api, caplog):
    caplog.set_level(logging.DEBUG)
    member = api.member()
    for bad in (f"{NAME}\u202e", NAME * 20):
        answer = member.client.post(
            "/api/v1/cases", json={"reference": "r", "household": _named(display_name=bad)}
        )
        assert answer.status_code == 422, answer.text
        assert "display_name" in answer.text
        assert NAME not in answer.text
    assert NAME not in _logged(caplog)


def test_a_failed_write_of_a_named_household_logs_no_display_name(api, caplog):
    caplog.set_level(logging.DEBUG)
    member = api.member()
    with failing_writes(api.db, "cases"):
        answer = member.client.post("/api/v1/cases", json={"reference": "r", "household": _named()})
    assert answer.status_code in (409, 503)
    assert NAME not in answer.text and NAME not in _logged(caplog)


def test_a_named_household_is_stored_whole_and_its_assessment_holds_no_name(api, caplog):
    caplog.set_level(logging.DEBUG)
    member = api.member()
    case = api.new_case(member, _named())
    assert case["household"] == stored(_named())
    answer = member.client.post(
        f"/api/v1/cases/{case['id']}/assessments", json={"as_of": "2025-06-01"}
    )
    assert answer.status_code in (200, 201), answer.text
    assert NAME not in answer.text
    assert NAME not in _logged(caplog)
