"""The documents of a stored assessment from the API: PDF, organisation-scoped, never cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.documents.pdf_tools import needs_poppler, pdf_text

FAMILY = json.loads(
    (Path(__file__).parents[2] / "examples" / "01-covered-family.json").read_text("utf-8")
)


def _stored_assessment(api, member) -> str:  # type: ignore[no-untyped-def]
    case = api.new_case(member, FAMILY)
    created = member.client.post(
        f"/api/v1/cases/{case['id']}/assessments", json={"as_of": "2024-06-10"}
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


@needs_poppler
@pytest.mark.parametrize("document", ["memo", "checklist", "sheet"])
def test_a_stored_assessments_document_is_a_pdf_never_cached(api, document: str) -> None:  # type: ignore[no-untyped-def]
    member = api.member()
    assessment_id = _stored_assessment(api, member)
    response = member.client.get(f"/api/v1/assessments/{assessment_id}/{document}.pdf?lang=en")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    text = pdf_text(response.content)
    assert f"Stored assessment {assessment_id[:8]}" in text and "h-01" in text


@needs_poppler
def test_the_memo_shows_the_assessment_as_stored_in_japanese_by_default(api) -> None:  # type: ignore[no-untyped-def]
    member = api.member()
    assessment_id = _stored_assessment(api, member)
    response = member.client.get(f"/api/v1/assessments/{assessment_id}/memo.pdf")
    text = pdf_text(response.content)
    assert "在留特別許可の見通し（評価）" in text and "2024年6月10日" in text


def test_another_organisations_assessment_is_not_found(api) -> None:  # type: ignore[no-untyped-def]
    owner, stranger = api.member(), api.member()
    assessment_id = _stored_assessment(api, owner)
    response = stranger.client.get(f"/api/v1/assessments/{assessment_id}/memo.pdf")
    assert response.status_code == 404
    assert response.json() == {"detail": "assessment not found"}


def test_an_unknown_language_is_a_422_naming_the_parameter(api) -> None:  # type: ignore[no-untyped-def]
    member = api.member()
    assessment_id = _stored_assessment(api, member)
    response = member.client.get(f"/api/v1/assessments/{assessment_id}/memo.pdf?lang=fr")
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "query.lang"


def test_without_a_session_no_document_is_given(api) -> None:  # type: ignore[no-untyped-def]
    response = api.client.get("/api/v1/assessments/anything/memo.pdf")
    assert response.status_code == 401
