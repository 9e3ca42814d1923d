"""Assessments: of a posted household (nothing stored), or of a stored case (kept).

The engine assesses; it never decides. A stored assessment keeps the case version, the as-of
date, each policy's id and version, and the full result, so it can be explained later.

Every assessment answer takes ``?lang=ja|en`` (every text in that language only; both by
default) and ``?texts=reference`` (each policy's static texts and household inputs once, in
the policy's ``texts`` and ``household_inputs``, not with every person; ``inline`` by default):
``zairyu.engine.texts``. ``GET /policies/{policy_id}/texts`` gives every static text of a policy
in the same form. A stored assessment is always kept whole; only the answer is shaped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from zairyu.documents.stored import UnreadableAssessment, assessment_from_dict
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.texts import assessment_json, policy_texts
from zairyu.i18n import Lang
from zairyu.model.household import Household
from zairyu.services import assessing
from zairyu.services.cases import assess_stored_case
from zairyu.services.errors import InvalidHousehold, PolicyChoiceError
from zairyu.store.access import InvalidRequestError, NotFoundError
from zairyu.store.records import ASSESSMENTS
from zairyu.web.fields import Flag, IsoDate
from zairyu.web.redaction import redacted
from zairyu.web.security import CurrentActor, Found

router = APIRouter(tags=["assessments"])

TextsMode = Literal["inline", "reference"]
LangQuery = Annotated[
    Lang | None,
    Query(
        description="Every text of the answer in this language only, as a map with that one "
        'key (`{"en": "..."}`); both languages if not given.'
    ),
]
TextsQuery = Annotated[
    TextsMode,
    Query(
        description="`inline`: every person's entries carry their texts. `reference`: each "
        "policy carries its static texts once, in `texts` (`conditions`, `known_by_law`, "
        "`changes`, `numbers`, `assumptions`, keyed by the id the entry carries: the "
        "condition's `id`, the rule's `id`, the change's `action_id`, the number's "
        "`parameter`, the assumption's `field`), each outcome's text in `outcomes` under the "
        "`outcome`, and each condition's household inputs once in `household_inputs` (keyed "
        "by the condition's `id`; none listed: none read); the person's entries leave them "
        "out. `GET /policies/{policy_id}/texts` gives every static text of a policy."
    ),
]


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
async def assess_household(
    body: HouseholdAssessmentIn,
    actor: CurrentActor,
    lang: LangQuery = None,
    texts: TextsQuery = "inline",
) -> Response:
    """Assess a household without storing it (nothing about it is kept or logged).

    The result is written straight to JSON (the trace is large: every condition of every
    policy, with its texts and citation, for every person; `lang` and `texts=reference` make it
    smaller without leaving out a word)."""
    result = run(body.household, body)
    content = assessment_json(result, lang, by_reference=texts == "reference")
    return Response(content=content, media_type="application/json")


def shaped(record: dict[str, Any], lang: Lang | None, texts: TextsMode) -> dict[str, Any]:
    """A stored assessment's answer in the language and form asked for (the store keeps it
    whole)."""
    if lang is None and texts == "inline":
        return record
    try:
        assessment = assessment_from_dict(record["result"])
    except UnreadableAssessment as error:
        path = "query.texts" if texts == "reference" else "query.lang"
        raise InvalidRequestError([{"path": path, "message": str(error)}]) from None
    content = assessment_json(assessment, lang, by_reference=texts == "reference")
    return record | {"result": orjson.loads(content)}


@router.post(
    "/cases/{case_id}/assessments",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
)
def assess_case(
    case_id: str,
    body: AssessmentOptions,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = None,
    texts: TextsQuery = "inline",
) -> dict[str, Any]:
    try:
        record = assess_stored_case(
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
    return shaped(record, lang, texts)


@router.get("/cases/{case_id}/assessments", response_model=list[AssessmentOut])
def list_assessments(
    case_id: str,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = None,
    texts: TextsQuery = "inline",
) -> list[dict[str, Any]]:
    return [shaped(r, lang, texts) for r in found.records.list(actor, ASSESSMENTS, case_id)]


@router.get("/cases/{case_id}/assessments/{assessment_id}", response_model=AssessmentOut)
def get_assessment(
    case_id: str,
    assessment_id: str,
    actor: CurrentActor,
    found: Found,
    lang: LangQuery = None,
    texts: TextsQuery = "inline",
) -> dict[str, Any]:
    record = found.records.get(actor, ASSESSMENTS, case_id, assessment_id)
    return shaped(record, lang, texts)


class ConditionTextsOut(BaseModel):
    text: dict[str, str]
    citation: dict[str, Any]
    reading: dict[str, str] | None
    when_false: dict[str, str] | None = Field(description="What the condition's failure means.")


class KnownByLawTextsOut(BaseModel):
    text: dict[str, str]
    citation: dict[str, Any]
    reading: dict[str, str]


class TextsOut(BaseModel):
    conditions: dict[str, ConditionTextsOut] = Field(description="By condition id.")
    known_by_law: dict[str, KnownByLawTextsOut] = Field(description="By rule id.")
    changes: dict[str, dict[str, str]] = Field(description="By action id.")
    numbers: dict[str, dict[str, str]] = Field(description="By parameter id.")
    assumptions: dict[str, dict[str, str]] = Field(description="By household field.")


class PolicyTextsOut(BaseModel):
    policy_id: str
    policy_version: str
    title: dict[str, str]
    disclaimer: dict[str, str]
    outcomes: dict[str, dict[str, str]] = Field(description="By outcome id.")
    texts: TextsOut


@router.get("/policies/{policy_id}/texts", response_model=PolicyTextsOut)
def get_policy_texts(policy_id: str, actor: CurrentActor, lang: LangQuery = None) -> dict[str, Any]:
    """Every static text of a policy (the same for every organisation), in the form an
    assessment answer with `texts=reference` lists them: fetch once per `policy_version`."""
    catalogue = default_catalogue()
    if policy_id not in catalogue.plans:
        raise NotFoundError("policy")
    return policy_texts(catalogue.scalar(policy_id), lang)
