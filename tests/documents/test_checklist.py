"""The household checklist: the documents that would settle an unknown fact, and those that
prove a favourable fact already recorded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.documents.pdf_tools import AS_OF, needs_poppler, pdf_text, raw_codes
from zairyu.documents.build import assessed, checklist
from zairyu.documents.checklist import checklist_fragment, checklist_view
from zairyu.documents.words import Words
from zairyu.report.labels import fact_label

EXAMPLES = Path(__file__).parents[2] / "examples"


def _assessed(name: str, change: dict | None = None):  # type: ignore[no-untyped-def]
    raw = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    if change:
        change(raw)  # type: ignore[operator]
    return assessed(json.dumps(raw), name, AS_OF)


def _documents(view, person: str) -> dict:  # type: ignore[no-untyped-def]
    found = next(p for p in view.persons if p.name == person)
    return {d.name_ja: d for d in found.documents}


def test_a_recorded_birth_in_japan_is_proved_by_the_birth_registration_certificate() -> None:
    household, assessment = _assessed("01-covered-family.json")
    docs = _documents(checklist_view(household, assessment, Words("en")), "c1")
    certificate = docs["出生届受理証明書"]
    assert "Born in Japan: yes" in certificate.proves and certificate.settles == []


def test_an_unknown_birth_in_japan_is_settled_by_the_birth_registration_certificate() -> None:
    def unknown_birthplace(raw: dict) -> None:
        raw["members"][2]["born_in_japan"] = None

    household, assessment = _assessed("01-covered-family.json", unknown_birthplace)
    docs = _documents(checklist_view(household, assessment, Words("en")), "c1")
    assert "Born in Japan" in docs["出生届受理証明書"].settles


def test_a_fact_against_the_person_is_not_listed_as_one_to_prove() -> None:
    household, assessment = _assessed("02-excluded-father-mother-guardian.json")
    view = checklist_view(household, assessment, Words("en"))
    for person in view.persons:
        for doc in person.documents:
            assert not any(p.endswith(": no") or p.endswith(": 0") for p in doc.proves), doc


def test_an_unknown_record_is_settled_by_the_judgments() -> None:
    household, assessment = _assessed("06-unknown-record.json")
    view = checklist_view(household, assessment, Words("ja"))
    assert any(
        d.name_ja == "判決書の謄本（各有罪判決）" and d.settles for d in view.persons[0].documents
    )


def test_facts_no_document_proves_are_said_to_be_still_unknown() -> None:
    household, assessment = _assessed("06-unknown-record.json")
    view = checklist_view(household, assessment, Words("en"))
    assert fact_label("falls_under_art24_3_2", "en") in view.persons[0].no_document


def test_official_entries_are_marked_as_listed_by_the_immigration_authorities() -> None:
    household, assessment = _assessed("08-childrens-home.json")
    rows = [
        d for p in checklist_view(household, assessment, Words("ja")).persons for d in p.documents
    ]
    assert any(d.official for d in rows) and any(not d.official for d in rows)


def test_the_html_fragment_is_a_section_not_a_page() -> None:
    household, assessment = _assessed("08-childrens-home.json")
    fragment = checklist_fragment(household, assessment, Words("ja"))
    assert fragment.lstrip().startswith('<section class="zairyu-checklist" lang="ja">')
    assert "<html" not in fragment and "<style" not in fragment


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "heading"), [("ja", "資料チェックリスト"), ("en", "Evidence checklist")]
)
def test_the_checklist_pdf_is_in_its_language_without_raw_codes(lang: str, heading: str) -> None:
    household, assessment = _assessed("08-childrens-home.json")
    text = pdf_text(checklist(household, assessment, Words(lang)).pdf())  # type: ignore[arg-type]
    assert heading in text and "在学証明書" in text
    flat = re.sub(r"\s+", "", text)
    assert (
        ("判断するのは法務大臣" in flat) if lang == "ja" else ("MinisterofJusticedecides" in flat)
    )
    assert [c for c in raw_codes() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)] == []
