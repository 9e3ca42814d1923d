"""Assessments: of a posted household (nothing stored), or of a stored case (kept).

The engine assesses; it never decides. A stored assessment keeps the case version, the as-of
date, each policy's id and version, and the full result, so it can be explained later.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from zairyu.engine.assessment import HouseholdAssessment
from zairyu.model.household import Household
from zairyu.services import assessing
from zairyu.services.cases import assess_stored_case
from zairyu.services.errors import InvalidHousehold, PolicyChoiceError
from zairyu.store.access import InvalidRequestError
from zairyu.store.records import ASSESSMENTS
from zairyu.web.fields import Flag, IsoDate
from zairyu.web.redaction import redacted
from zairyu.web.security import CurrentActor, Found

router = APIRouter(tags=["assessments"])


class AssessmentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: IsoDate = Field(
        description="The date the assessment is made as of; no rule reads the clock."
    )
    policy_ids: list[str] | None = Field(
        default=None, max_length=20, description="Policies to apply; by default those in force."
    )
    counterfactuals: Flag = True


class HouseholdAssessmentIn(AssessmentOptions):
    household: Household


class AssessmentOut(BaseModel):
    id: str
    case_id: str
    case_version: int
    as_of: date
    policies: list[dict[str, Any]]
    result: dict[str, Any]
    created_at: datetime
    created_by: str


def refusal(
    error: InvalidHousehold | PolicyChoiceError, submitted: object = None
) -> InvalidRequestError:
    """A refusal of the assessment service as the API's 422, naming the fields; no value the
    caller submitted is echoed back."""
    if isinstance(error, PolicyChoiceError):
        return InvalidRequestError([{"path": "body.policy_ids", "message": str(error)}])
    return InvalidRequestError(redacted(error.problems, submitted or {}))


def run(household: Household, options: AssessmentOptions) -> HouseholdAssessment:
    try:
        return assessing.assess_household(
            household, options.as_of, options.policy_ids, counterfactuals=options.counterfactuals
        )
    except (InvalidHousehold, PolicyChoiceError) as error:
        raise refusal(error, household.model_dump(mode="json")) from None


@router.post(
    "/assessments",
    response_class=Response,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def assess_household(body: HouseholdAssessmentIn, actor: CurrentActor) -> Response:
    """Assess a household without storing it (nothing about it is kept or logged).

    The result is written straight to JSON by the engine (the trace is large: every condition
    of every policy, with its texts and citation, for every person)."""
    result = run(body.household, body)
    return Response(content=result.to_json(), media_type="application/json")


@router.post(
    "/cases/{case_id}/assessments",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
)
def assess_case(
    case_id: str, body: AssessmentOptions, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    try:
        return assess_stored_case(
            found.cases,
            found.records,
            actor,
            case_id,
            body.as_of,
            body.policy_ids,
            counterfactuals=body.counterfactuals,
        )
    except (InvalidHousehold, PolicyChoiceError) as error:
        raise refusal(error) from None


@router.get("/cases/{case_id}/assessments", response_model=list[AssessmentOut])
def list_assessments(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.records.list(actor, ASSESSMENTS, case_id)


@router.get("/cases/{case_id}/assessments/{assessment_id}", response_model=AssessmentOut)
def get_assessment(
    case_id: str, assessment_id: str, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.records.get(actor, ASSESSMENTS, case_id, assessment_id)
