"""Printable documents of a stored assessment: the memo, the evidence checklist and the
application sheets, as PDF.

A document shows the assessment as it was stored (with the case version it assessed), not a
new one. The stored assessment is reached through the actor's organisation (another
organisation's is "not found"), every read goes to the audit trail, and the PDF is never
cached (``Cache-Control: no-store``): it describes a person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy import select

from zairyu.documents.build import Document, checklist, memo, sheet
from zairyu.documents.stored import UnreadableAssessment, assessment_from_dict
from zairyu.documents.words import Words
from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.store.access import Actor, InvalidRequestError, NotFoundError
from zairyu.store.records import ASSESSMENTS
from zairyu.store.tables import AssessmentRecord
from zairyu.web.security import CurrentActor, Found
from zairyu.web.services import Services

router = APIRouter(tags=["documents"])

LangQuery = Annotated[Literal["ja", "en"], Query(description="Language of the document.")]
EraQuery = Annotated[
    bool, Query(description="Japanese dates in the Japanese era (令和6年6月10日).")
]
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The document as PDF."}
}


def _case_of(found: Services, actor: Actor, assessment_id: str) -> str:
    """The case a stored assessment belongs to, within the actor's organisation."""
    with found.db.transaction() as s:
        case_id = s.scalar(
            select(AssessmentRecord.case_id).where(
                AssessmentRecord.id == assessment_id, AssessmentRecord.org_id == actor.org_id
            )
        )
    if case_id is None:
        raise NotFoundError("assessment")
    return str(case_id)


def _document(
    found: Services,
    actor: Actor,
    assessment_id: str,
    words: Words,
    make: Callable[..., Document],
) -> Response:
    case_id = _case_of(found, actor, assessment_id)
    record: dict[str, Any] = found.records.get(actor, ASSESSMENTS, case_id, assessment_id)
    version = found.cases.version(actor, case_id, record["case_version"])
    try:
        household = parse_household(version["household"], "stored case")
        assessment = assessment_from_dict(record["result"])
    except (InvalidHousehold, UnreadableAssessment) as error:
        problem = {"path": "assessment_id", "message": str(error).splitlines()[0]}
        raise InvalidRequestError([problem]) from None
    pdf = make(household, assessment, words, record_id=str(record["id"])).pdf()
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'inline; filename="{make.__name__}-{assessment_id[:8]}.pdf"',
        },
    )


@router.get("/assessments/{assessment_id}/memo.pdf", response_class=Response, responses=PDF)
def memo_pdf(
    assessment_id: str,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = "ja",
    era: EraQuery = False,
) -> Response:
    """The assessment memo of a stored assessment: outcomes, reasons with citations, what to
    gather next, what would change the outcome; the Minister of Justice decides."""
    return _document(found, actor, assessment_id, Words(lang, era=era), memo)


@router.get("/assessments/{assessment_id}/checklist.pdf", response_class=Response, responses=PDF)
def checklist_pdf(
    assessment_id: str,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = "ja",
    era: EraQuery = False,
) -> Response:
    """The evidence checklist of a stored assessment: per person, the documents to gather."""
    return _document(found, actor, assessment_id, Words(lang, era=era), checklist)


@router.get("/assessments/{assessment_id}/sheet.pdf", response_class=Response, responses=PDF)
def sheet_pdf(
    assessment_id: str,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = "ja",
    era: EraQuery = False,
) -> Response:
    """The per-person application sheets of a stored assessment (one page per person)."""
    return _document(found, actor, assessment_id, Words(lang, era=era), sheet)
