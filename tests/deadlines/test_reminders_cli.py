"""`zairyu reminders due`: what a cron job prints, and the exit status a monitor reads."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from store_fixtures import HOUSEHOLD, make_actor
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import EventKind
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.measures import EventFields, Measures
from zairyu.store.records import REMINDERS, Records

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    url = f"sqlite:///{tmp_path / 'zairyu.db'}"
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", url)
    db = Database(url)
    db.upgrade()
    yield db
    db.dispose()


def _measure(db: Database, staff: bool) -> tuple[str, str]:
    actor = make_actor(db)
    case = Cases(db).create(actor, "Family Sato", HOUSEHOLD)
    measure = Measure.model_validate(
        {
            "kind": "supervision_after_order",
            "decided_on": "2025-01-10",
            "supervisor": {"name": "Hanako Staff", "organisation_staff": staff},
        }
    )
    created = Measures(db).create(actor, case["id"], measure)
    fields = EventFields(EventKind.learned_condition_breach, date(2025, 3, 3))
    Measures(db).add_event(actor, case["id"], created["id"], fields)
    return case["id"], created["id"]


def _due(*args: str):
    return runner.invoke(app, ["reminders", "due", *args])


def test_nothing_overdue_exits_0(store: Database) -> None:
    case_id, _ = _measure(store, staff=False)
    result = _due("--today", "2025-03-04", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"case {case_id}  The supervisor's notice (within 7 days)" in result.output
    assert "0 overdue, 1 this week" in result.output


def test_something_overdue_exits_1_and_names_the_rule_not_the_family(store: Database) -> None:
    case_id, _ = _measure(store, staff=False)
    result = _due("--today", "2025-03-11")
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if x.strip().startswith("期限切れ")]
    assert line.endswith(f"2025-03-10  case {case_id}  監理人の届出（7日以内）")
    assert "Sato" not in result.output and "Hanako" not in result.output
    assert "NOTE" not in result.output


def test_references_are_shown_only_when_asked(store: Database) -> None:
    _measure(store, staff=False)
    assert "case Family Sato" in _due("--today", "2025-03-11", "--references").output


def test_a_staff_supervisor_brings_the_confidentiality_conflict_notice(store: Database) -> None:
    _measure(store, staff=True)
    result = _due("--today", "2025-03-05", "--lang", "en")
    assert result.exit_code == 0
    assert "NOTE: A supervisor must notify the principal inspector" in result.output
    assert "This is not legal advice." in result.output


def test_json_output_parses_and_keeps_the_exit_status(store: Database) -> None:
    _measure(store, staff=False)
    result = _due("--today", "2025-03-11", "--format", "json")
    assert result.exit_code == 1
    parsed = json.loads(result.output)
    [report] = parsed["organisations"]
    assert [i["rule"] for i in report["due"]["overdue"]] == ["supervisor_notice_within_7_days"]


def test_json_output_names_no_family_unless_references_are_asked_for(store: Database) -> None:
    case_id, _ = _measure(store, staff=False)
    actor = make_actor(store)
    Records(store).add(
        actor,
        REMINDERS,
        Cases(store).create(actor, "Family Tanaka", HOUSEHOLD)["id"],
        {"kind": "deadline", "due_on": date(2025, 3, 12), "title": "Call Mr Tanaka", "done": False},
    )
    quiet = _due("--today", "2025-03-11", "--format", "json").output
    assert "Sato" not in quiet and "Tanaka" not in quiet and "Hanako" not in quiet
    assert case_id in quiet and "Reminder (typed in on a case)" in quiet
    told = _due("--today", "2025-03-11", "--format", "json", "--references").output
    assert "Family Sato" in told and "Call Mr Tanaka" in told


def test_a_bad_date_or_an_unknown_organisation_exits_2(store: Database) -> None:
    bad = _due("--today", "10/03/2025")
    assert bad.exit_code == 2
    assert "--today" in bad.output
    unknown = _due("--org", "no such organisation")
    assert unknown.exit_code == 2
    assert "no organisation named" in unknown.output


def test_a_typed_reminders_words_are_shown_only_with_references(store: Database) -> None:
    actor = make_actor(store)
    case = Cases(store).create(actor, "F-9", HOUSEHOLD)
    fields = {
        "kind": "other",
        "due_on": date(2025, 3, 3),
        "title": "Call Mrs Tanaka",
        "done": False,
    }
    Records(store).add(actor, REMINDERS, case["id"], fields)
    plain = _due("--today", "2025-03-04", "--lang", "en")
    assert plain.exit_code == 1
    assert "Reminder (typed in on a case)" in plain.output and "Tanaka" not in plain.output
    assert "Call Mrs Tanaka" in _due("--today", "2025-03-04", "--references").output
