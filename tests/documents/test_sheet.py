"""The per-person application sheet: what the ISA application page asks for, from the case."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.documents.pdf_tools import AS_OF, needs_poppler, pdf_text
from zairyu.documents.build import assessed, sheet
from zairyu.documents.sheet import UNDER_AGE, age_on, sheet_view
from zairyu.documents.words import Words

FAMILY = Path(__file__).parents[2] / "examples" / "01-covered-family.json"


def _family(change=None):  # type: ignore[no-untyped-def]
    raw = json.loads(FAMILY.read_text(encoding="utf-8"))
    if change:
        change(raw)
    return assessed(json.dumps(raw), str(FAMILY), AS_OF)


@pytest.mark.parametrize(
    ("birth", "age"),
    [(date(2008, 6, 10), 16), (date(2008, 6, 11), 15), (date(2008, 6, 9), 16)],
)
def test_age_counts_a_birthday_on_the_day_as_reached(birth: date, age: int) -> None:
    assert age_on(birth, date(2024, 6, 10)) == age
    assert UNDER_AGE == 16


def _item(view, person: int, label: str):  # type: ignore[no-untyped-def]
    items = [i for s in view.persons[person].sections for i in s.items if i.label.startswith(label)]
    assert len(items) == 1, label
    return items[0]


def test_each_member_gets_a_sheet_and_unrecorded_items_are_marked_missing() -> None:
    household, assessment = _family()
    view = sheet_view(household, assessment, Words("en"))
    assert [p.name for p in view.persons] == ["p1", "p2", "c1", "c2"]
    applied = _item(view, 0, "Applied for special permission to stay")
    assert applied.missing and applied.value == "not recorded"
    birth = _item(view, 0, "Date of birth")
    assert not birth.missing and birth.value == "12 May 1980"


def test_a_child_under_16_is_marked_as_one_a_relative_may_apply_for() -> None:
    household, assessment = _family()
    view = sheet_view(household, assessment, Words("en"))
    assert _item(view, 2, "Under 16").value == "yes"
    assert _item(view, 0, "Under 16").value == "no"


def test_each_ground_lists_the_documents_the_application_page_names() -> None:
    household, assessment = _family()
    view = sheet_view(household, assessment, Words("ja"))
    assert _item(view, 0, "永住許可").documents == ["在留カードの写し"]
    assert _item(view, 0, "かつて日本国民").documents == ["除籍謄本"]


def test_a_deportation_order_is_warned_of_as_closing_the_window() -> None:
    household, assessment = _family()
    view = sheet_view(household, assessment, Words("en"))
    assert any("only until the order is issued" in w for w in view.persons[0].warnings)

    def no_order(raw: dict) -> None:
        for member in raw["members"]:
            member["immigration"].update(deportation_order=False, deportation_order_date=None)

    household, assessment = _family(no_order)
    view = sheet_view(household, assessment, Words("en"))
    assert not any("only until the order is issued" in w for w in view.persons[0].warnings)


@needs_poppler
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_sheet_says_the_official_form_could_not_be_read_each_person_on_a_new_page(
    lang: str,
) -> None:
    household, assessment = _family()
    text = pdf_text(sheet(household, assessment, Words(lang)).pdf())  # type: ignore[arg-type]
    flat = re.sub(r"\s+", "", text)
    said = "公式の申請書（在留特別許可申請書、一人につき一通）は読むことができなかった"
    assert (
        said in flat
        if lang == "ja"
        else "officialform(在留特別許可申請書,oneperperson)couldnotberead" in flat
    )
    pages = text.split("\f")[:-1]
    heading = "在留特別許可申請のための確認票" if lang == "ja" else "Application sheet"
    firsts = [p for p in pages if p.count(heading) == 2]  # the margin's title and the heading
    assert len(firsts) == len(household.members)
    assert pages[0].count(heading) == 2


def test_a_month_only_date_of_birth_is_shown_as_written_and_under_16_only_when_certain() -> None:
    def month_only(raw):  # type: ignore[no-untyped-def]
        raw["members"][0]["date_of_birth"] = "1980-05"
        raw["members"][2]["date_of_birth"] = "2008-06"  # 16 on 10 June 2024, or still 15

    household, assessment = _family(month_only)
    view = sheet_view(household, assessment, Words("en"))
    birth = _item(view, 0, "Date of birth")
    assert not birth.missing and birth.value == "May 1980"
    assert _item(view, 0, "Under 16").value == "no"
    assert _item(view, 2, "Under 16").missing
