"""The measures API end to end: a measure entered produces its reminders, they appear in the
due list and the calendar feed (parsed back with ``icalendar``), and moving a reporting date
moves them."""

from __future__ import annotations

from icalendar import Calendar

from zairyu.store.access import UserRole

SUPERVISION = {
    "kind": "supervision_before_order",
    "decided_on": "2025-01-10",
    "person_id": "p1",
    "conditions": {
        "deposit_yen": 300000,
        "deposit_due_on": "2025-02-14",
        "movement_area": "東京都",
    },
    "supervisor": {"name": "Taro Staff", "contact": "03-0000-0000", "organisation_staff": True},
}


def _measure(api, member, body=SUPERVISION):
    case = api.new_case(member)
    base = f"/api/v1/cases/{case['id']}/measures"
    created = member.client.post(f"{base}?today=2025-02-10", json=body)
    assert created.status_code == 201, created.text
    return case, f"{base}/{created.json()['id']}", created.json()


def _due(member, today):
    response = member.client.get(f"/api/v1/due?today={today}")
    assert response.status_code == 200, response.text
    return response.json()


def _rules(items):
    return [(i["rule"], i["due_on"]) for i in items]


def test_a_new_measure_shows_its_deadlines_with_rule_source_and_status(api) -> None:
    member = api.member()
    _, _, created = _measure(api, member)
    by_rule = {d["rule"]: d for d in created["deadlines"]}
    deposit = by_rule["deposit_due"]
    assert (deposit["due_on"], deposit["status"]) == ("2025-02-14", "this_week")
    assert deposit["citation"]["source"] == "isa-supervision-qa-reproduction"
    assert deposit["citation"]["status"] == "SECONDARY"
    assert deposit["basis"] == {
        "fact": "measure deposit_due_on",
        "on": "2025-02-14",
        "event_id": None,
    }
    assert created["disclaimer"]["en"].startswith("zairyu shows what the law requires")


def test_the_conflict_notice_is_shown_where_the_organisations_staff_supervise(api) -> None:
    member = api.member()
    _, _, created = _measure(api, member)
    assert [n["id"] for n in created["notices"]] == ["supervisor_confidentiality_conflict"]
    assert created["notices"][0]["citation"]["status"] == "SECONDARY"
    relative = SUPERVISION | {"supervisor": {"name": "A relative", "organisation_staff": False}}
    _, _, other = _measure(api, member, relative)
    assert other["notices"] == []


def test_reminders_reach_the_due_list_and_moving_the_report_date_moves_them(api) -> None:
    member = api.member()
    _, url, _ = _measure(api, member)
    event = member.client.post(
        f"{url}/events", json={"kind": "report_date_designated", "day": "2025-02-18"}
    ).json()
    due = _due(member, "2025-02-14")
    assert _rules(due["overdue"]) == []
    assert _rules(due["this_week"]) == [
        ("deposit_due", "2025-02-14"),
        ("supervisee_report_on_designated_date", "2025-02-18"),
    ]
    moved = member.client.patch(
        f"{url}/events/{event['id']}",
        json={"kind": "report_date_designated", "day": "2025-03-04", "version": event["version"]},
    )
    assert moved.status_code == 200, moved.text
    due = _due(member, "2025-02-14")
    assert _rules(due["this_week"]) == [("deposit_due", "2025-02-14")]
    assert _rules(due["this_month"]) == [("supervisee_report_on_designated_date", "2025-03-04")]
    assert _rules(_due(member, "2025-03-05")["overdue"]) == [
        ("deposit_due", "2025-02-14"),
        ("supervisee_report_on_designated_date", "2025-03-04"),
    ]


def test_the_due_list_is_filtered_by_case_and_by_kind_and_names_what_it_holds(api) -> None:
    member = api.member()
    first, url, _ = _measure(api, member)
    second, _, _ = _measure(api, member)
    member.client.post(
        f"{url}/events", json={"kind": "report_date_designated", "day": "2025-02-18"}
    )
    whole = _due(member, "2025-02-14")
    assert {c["id"] for c in whole["cases"]} == {first["id"], second["id"]}
    assert [k["kind"] for k in whole["kinds"]] == [
        "supervisee_report_on_designated_date",
        "deposit_due",
    ]
    one_case = member.client.get(f"/api/v1/due?today=2025-02-14&case_id={first['id']}").json()
    assert {i["case_id"] for i in one_case["this_week"]} == {first["id"]}
    assert len(one_case["this_week"]) == 2
    assert one_case["cases"] == whole["cases"]
    deposits = member.client.get("/api/v1/due?today=2025-02-14&kind=deposit_due").json()
    assert _rules(deposits["this_week"]) == [("deposit_due", "2025-02-14")] * 2
    assert deposits["filter"] == {"case_id": None, "kind": "deposit_due"}


def test_a_deadline_marked_done_leaves_the_due_list(api) -> None:
    member = api.member()
    _, url, created = _measure(api, member)
    deposit = next(d for d in created["deadlines"] if d["rule"] == "deposit_due")
    marked = member.client.patch(f"{url}/deadlines/{deposit['id']}", json={"done": True})
    assert marked.status_code == 200, marked.text
    assert marked.json()["status"] == "done"
    assert "deposit_due" not in [r for r, _ in _rules(_due(member, "2025-02-20")["overdue"])]


def test_the_due_list_names_the_conflict_for_a_staff_supervisors_notice(api) -> None:
    member = api.member()
    _, url, _ = _measure(api, member)
    member.client.post(f"{url}/events", json={"kind": "learned_illegal_work", "day": "2025-03-03"})
    due = _due(member, "2025-03-05")
    notice = next(i for i in due["this_week"] if i["rule"] == "supervisor_notice_within_7_days")
    assert notice["supervisor_is_organisation_staff"] is True
    assert [n["id"] for n in due["notices"]] == ["supervisor_confidentiality_conflict"]


def _feed(member, **body):
    created = member.client.post("/api/v1/users/me/calendar-feeds", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_calendar_feed_parses_back_and_carries_nothing_personal(api) -> None:
    member = api.member()
    case, url, _ = _measure(api, member)
    member.client.post(
        f"{url}/events", json={"kind": "report_date_designated", "day": "2025-02-18"}
    )
    feed = _feed(member, lang="en")
    assert "secret" not in feed and feed["url"].startswith("/api/v1/calendar/zc_")
    anonymous = api.client  # no token: the secret URL is the credential
    events = _calendar(anonymous, feed["url"]).walk("VEVENT")
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART").isoformat() for e in events}
    assert summaries == {
        "The deposit due date": "2025-02-14",
        "The supervisee's report on the designated date": "2025-02-18",
    }
    text = _calendar(anonymous, feed["url"]).to_ical().decode()
    assert "Taro" not in text and "03-0000-0000" not in text and case["reference"] not in text
    assert all(e.walk("VALARM") for e in events)


def test_a_user_who_opts_in_gets_the_case_reference_in_titles(api) -> None:
    member = api.member()
    case, _, _ = _measure(api, member)
    feed = _feed(member, lang="ja", personal_titles=True)
    summaries = [str(e["SUMMARY"]) for e in _calendar(api.client, feed["url"]).walk("VEVENT")]
    assert summaries and all(s.endswith(f"— {case['reference']}") for s in summaries)
    assert "保証金の納付期限 — F-1" in summaries


def test_a_revoked_or_unknown_feed_url_answers_404(api) -> None:
    member = api.member()
    feed = _feed(member)
    assert api.client.get(feed["url"]).status_code == 200
    revoked = member.client.delete(f"/api/v1/users/me/calendar-feeds/{feed['id']}")
    assert revoked.status_code == 204
    assert api.client.get(feed["url"]).status_code == 404
    assert api.client.get("/api/v1/calendar/zc_not-a-secret.ics").status_code == 404
    assert member.client.get("/api/v1/users/me/calendar-feeds").json()[0]["revoked"] is True


def test_another_organisations_feed_shows_none_of_ours(api) -> None:
    owner, stranger = api.member(), api.member()
    _measure(api, owner)
    feed = _feed(stranger)
    assert _calendar(api.client, feed["url"]).walk("VEVENT") == []
    assert _due(stranger, "2025-02-14") | {"notices": []} == {
        "today": "2025-02-14",
        "overdue": [],
        "this_week": [],
        "this_month": [],
        "notices": [],
        "disclaimer": _due(stranger, "2025-02-14")["disclaimer"],
        "filter": {"case_id": None, "kind": None},
        "cases": [],
        "kinds": [],
    }


def test_a_bad_today_is_named(api) -> None:
    member = api.member()
    response = member.client.get("/api/v1/due?today=31-12-2025")
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "query.today"


def test_a_supervisor_on_a_provisional_release_is_refused_with_the_reason(api) -> None:
    member = api.member()
    case = api.new_case(member)
    body = {"kind": "provisional_release_deportation", "decided_on": "2025-01-06"}
    response = member.client.post(
        f"/api/v1/cases/{case['id']}/measures", json=body | {"supervisor": {"name": "x"}}
    )
    assert response.status_code == 422
    assert "guarantor, not a supervisor" in response.json()["problems"][0]["message"]


def test_a_reader_may_see_measures_but_not_change_them(api) -> None:
    writer = api.member()
    reader = api.member(UserRole.read_only, org_id=writer.org_id)
    _, url, created = _measure(api, writer)
    assert reader.client.get(url).status_code == 200
    change = {"version": created["version"], "measure": SUPERVISION}
    assert reader.client.patch(url, json=change).status_code == 403
    event = {"kind": "report_made", "day": "2025-02-01"}
    assert reader.client.post(f"{url}/events", json=event).status_code == 403


def test_a_stale_version_is_refused_with_409(api) -> None:
    member = api.member()
    _, url, created = _measure(api, member)
    change = {"version": created["version"], "measure": SUPERVISION}
    assert member.client.patch(url, json=change).status_code == 200
    stale = member.client.patch(url, json=change)
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("the measure was changed by someone else")


def test_an_event_changed_on_a_stale_version_is_refused_with_409_and_the_current_event(
    api,
) -> None:
    member = api.member()
    _, url, _ = _measure(api, member)
    added = member.client.post(
        f"{url}/events", json={"kind": "report_date_designated", "day": "2025-02-18"}
    )
    event = added.json()
    assert event["version"] == 1
    change = {"kind": "report_date_designated", "day": "2025-02-25", "version": 1}
    first = member.client.patch(f"{url}/events/{event['id']}", json=change)
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 2
    stale = member.client.patch(f"{url}/events/{event['id']}", json=change | {"day": "2025-03-04"})
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("the measure's event was changed by someone else")
    assert stale.json()["current_version"] == 2
    assert stale.json()["current"]["day"] == "2025-02-25"
    kept = member.client.get(f"{url}/events/{event['id']}").json()
    assert (kept["day"], kept["version"]) == ("2025-02-25", 2)


def test_an_event_change_without_a_version_is_refused_with_the_field_named(api) -> None:
    member = api.member()
    _, url, _ = _measure(api, member)
    event = member.client.post(
        f"{url}/events", json={"kind": "report_date_designated", "day": "2025-02-18"}
    ).json()
    response = member.client.patch(
        f"{url}/events/{event['id']}", json={"kind": "report_date_designated", "day": "2025-02-25"}
    )
    assert response.status_code == 422
    assert "version" in response.text


def test_reminders_typed_in_on_a_case_join_the_due_list_and_the_feed_without_their_words(
    api,
) -> None:
    member = api.member()
    case = api.new_case(member)
    typed = {"kind": "deadline", "due_on": "2025-02-12", "title": "Call Mrs Tanaka"}
    added = member.client.post(f"/api/v1/cases/{case['id']}/reminders", json=typed)
    assert added.status_code == 201, added.text
    [item] = _due(member, "2025-02-10")["this_week"]
    assert (item["source"], item["title"]["en"], item["due_on"]) == (
        "case_reminder",
        "Call Mrs Tanaka",
        "2025-02-12",
    )
    plain = _feed(member, lang="en")
    [event] = _calendar(api.client, plain["url"]).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Reminder (typed in on a case)"
    assert "Tanaka" not in _calendar(api.client, plain["url"]).to_ical().decode()
    opted = _feed(member, lang="en", personal_titles=True)
    [event] = _calendar(api.client, opted["url"]).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Call Mrs Tanaka — {case['reference']}"
    done = member.client.patch(
        f"/api/v1/cases/{case['id']}/reminders/{added.json()['id']}", json={"done": True}
    )
    assert done.status_code == 200
    assert _due(member, "2025-02-10")["this_week"] == []
