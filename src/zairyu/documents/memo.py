"""The assessment memo: one household, one assessment, in Japanese or English."""

from __future__ import annotations

from zairyu.documents.margins import margins
from zairyu.documents.render import render_html
from zairyu.documents.view import memo_view
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.model.household import Household


def memo_html(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> str:
    """The memo as a standalone HTML document (the PDF is typeset from it)."""
    view = memo_view(household, assessment, words)
    return render_html(
        "memo.html",
        w=words,
        view=view,
        title=words.report("title"),
        margins=margins(assessment, words, record_id),
    )
