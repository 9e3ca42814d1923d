"""The documents as objects the CLI and the API share: each gives its HTML and its PDF.

``assessed`` is the one place documents ask the engine for an assessment; it is swapped for
``zairyu.services`` when that lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zairyu.documents.checklist import checklist_html
from zairyu.documents.memo import memo_html
from zairyu.documents.render import html_to_pdf
from zairyu.documents.sheet import sheet_html
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.model.household import Household
from zairyu.services.assessing import assess_document


def assessed(text: str, source: str, on: date) -> tuple[Household, HouseholdAssessment]:
    """A household JSON text assessed as of ``on`` by the one assessment service, with all its
    checks (raises ``InvalidHousehold`` naming the person and the field, or
    ``PolicyChoiceError``)."""
    return assess_document(text, on, source=source)


@dataclass(frozen=True)
class Document:
    """A document ready to write: its HTML, and its PDF typeset from that HTML."""

    title: str
    source: str

    def html(self) -> str:
        return self.source

    def pdf(self) -> bytes:
        return html_to_pdf(self.source, self.title)


def memo(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> Document:
    return Document(words.report("title"), memo_html(household, assessment, words, record_id))


def checklist(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> Document:
    return Document(
        words.t("Evidence checklist"), checklist_html(household, assessment, words, record_id)
    )


def sheet(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> Document:
    return Document(
        words.t("Application sheet"), sheet_html(household, assessment, words, record_id)
    )
