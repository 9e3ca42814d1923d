"""The measures pages' version checks on SQLite and on PostgreSQL: a change of an event or of a
measure's conditions made on a stale version is refused (409) and saves nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pages_site import FAST_HASHER, NO_DELAY, Site
from test_pages_measures import SUPERVISION, add_event, event_form, new_measure

from zairyu.store.accounts import Accounts
from zairyu.store.database import Database
from zairyu.web.app import create_app
from zairyu.web.settings import Settings


@pytest.fixture(scope="module")
def any_site(db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        database_url=db.url,
        audit_key_file=db.audit_key_file,
        hasher=FAST_HASHER,
        login=NO_DELAY,
        upgrade_on_start=False,
        evidence_dir=tmp_path_factory.mktemp("evidence"),
    )
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield Site(db, Accounts(db, FAST_HASHER, NO_DELAY), client)


def test_an_event_changed_on_a_stale_version_is_refused_on_either_store(any_site):
    browser = any_site.browser(any_site.member()[0])
    _, measure_path, token = new_measure(browser)
    add_event(browser, measure_path, token, "report_date_designated", "2025-02-18")
    action, version = event_form(browser.get(measure_path).text, "18 February 2025")
    change = {"csrf_token": token, "version": version, "kind": "report_date_designated"}
    assert browser.post(action, data=change | {"day": "2025-02-25"}).status_code == 200
    stale = browser.post(action, data=change | {"day": "2025-03-04"})
    assert stale.status_code == 409
    page = browser.get(measure_path).text
    assert "25 February 2025" in page and "4 March 2025" not in page


def test_conditions_changed_on_a_stale_version_are_refused_on_either_store(any_site):
    browser = any_site.browser(any_site.member()[0])
    _, measure_path, token = new_measure(browser)
    change = {"csrf_token": token, "version": "1", **SUPERVISION}
    assert browser.post(measure_path, data=change | {"deposit_due_on": "2025-02-21"}).is_success
    stale = browser.post(measure_path, data=change | {"deposit_due_on": "2025-02-28"})
    assert stale.status_code == 409
    assert "28 February 2025" not in browser.get(measure_path).text
