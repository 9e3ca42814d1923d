"""The evidence checklist of a household: per person, the documents for the facts that matter
to its results. Those that would settle an unknown fact a result waits for, and those that
prove a favourable fact already recorded (``zairyu.evidence.catalogue`` says which is which).
"""

from __future__ import annotations

from dataclasses import dataclass

from zairyu.documents.margins import margins
from zairyu.documents.render import render_html
from zairyu.documents.view import (
    display_name,
    facts_to_prove,
    facts_to_settle,
    format_value,
    household_name,
    sources,
)
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.evidence.catalogue import Catalogue, EvidenceDocument, default_catalogue
from zairyu.model.household import Household
from zairyu.model.table import Value
from zairyu.report.labels import fact_label, role_label

TRANSLATION = {
    "never": "Issued in Japanese",
    "always": "Japanese translation needed",
    "if_foreign": "Japanese translation needed if not in Japanese",
}


@dataclass(frozen=True)
class DocumentRow:
    name: str
    name_ja: str
    issuer: str
    translation: str
    settles: list[str]
    proves: list[str]
    source: str
    status: str
    official: bool
    note: str | None


@dataclass(frozen=True)
class PersonChecklist:
    name: str
    role: str
    documents: list[DocumentRow]
    no_document: list[str]  # facts no catalogued document proves


@dataclass(frozen=True)
class ChecklistView:
    household: str
    as_of: str
    persons: list[PersonChecklist]


def _row(doc: EvidenceDocument, settles: list[str], proves: list[str], words: Words) -> DocumentRow:
    lang, source = words.lang, sources()[doc.source]
    return DocumentRow(
        name=doc.name(lang),
        name_ja=doc.name.ja,
        issuer=doc.issuer(lang),
        translation=words.t(TRANSLATION[doc.translation.value]),
        settles=settles,
        proves=proves,
        source=source.title.ja if lang == "ja" else source.title.en,
        status="" if doc.status.value == "INFERRED" else words.status(doc.status.value),
        official=doc.status.value in ("CONFIRMED", "PARTIAL"),
        note=doc.note(lang) if doc.note else None,
    )


def person_checklist(
    settle: list[str], prove: dict[str, Value], catalogue: Catalogue, words: Words
) -> tuple[list[DocumentRow], list[str]]:
    """The documents for one person's facts (catalogue order) and the facts none proves."""
    lang = words.lang
    rows, uncovered = [], []
    for doc in catalogue.documents:
        settles = [fact_label(c, lang) for c in settle if c in doc.proves]
        proves = [
            f"{fact_label(c, lang)}{words.colon} {format_value(v, c, words)}"
            for c, v in prove.items()
            if c in doc.proves
        ]
        if settles or proves:
            rows.append(_row(doc, settles, proves, words))
    for column in settle:
        if not catalogue.proving(column):
            uncovered.append(fact_label(column, lang))
    return rows, uncovered


def checklist_view(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    catalogue: Catalogue | None = None,
) -> ChecklistView:
    catalogue = catalogue or default_catalogue()
    settle, prove = facts_to_settle(assessment), facts_to_prove(assessment)
    persons = []
    for member in household.members:
        rows, uncovered = person_checklist(
            settle.get(member.id, []), prove.get(member.id, {}), catalogue, words
        )
        persons.append(
            PersonChecklist(
                name=display_name(household, member.id),
                role=role_label(member.role.value, words.lang),
                documents=rows,
                no_document=uncovered,
            )
        )
    return ChecklistView(household_name(household), words.day(assessment.as_of), persons)


def checklist_context(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> dict[str, object]:
    return {
        "w": words,
        "view": checklist_view(household, assessment, words),
        "title": words.t("Evidence checklist"),
        "margins": margins(assessment, words, record_id),
    }


def checklist_html(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> str:
    """The checklist as a standalone HTML document (the PDF is typeset from it)."""
    return render_html(
        "checklist.html", **checklist_context(household, assessment, words, record_id)
    )


def checklist_fragment(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> str:
    """The checklist as an HTML fragment (no page, no style) for a web page to include."""
    context = checklist_context(household, assessment, words, record_id)
    return render_html("checklist_body.html", **context)
