"""Cases, the versions of their facts, and the persons of their household."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, status
from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from zairyu import clock
from zairyu.model.household import Household, Person
from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.model.strict import StrictRequest as Strict
from zairyu.services.assessing import household_problems
from zairyu.services.cases import reference_problem
from zairyu.store.access import InvalidRequestError, NotFoundError
from zairyu.web.fields import MAX_INT
from zairyu.web.redaction import redacted
from zairyu.web.security import CurrentActor, Found

router = APIRouter(tags=["cases"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The case changed since `version`; the body has the current one"}
}


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


def _reference(value: str) -> str:
    """The reference without surrounding spaces; refused as the web form refuses it."""
    if problem := reference_problem(value):
        raise PydanticCustomError("case_reference", problem)
    return value.strip()


Reference = Annotated[
    str,
    Field(max_length=100, description="Your file number (visible text, not only spaces)."),
    AfterValidator(_reference),
]


class CaseIn(Strict):
    reference: Reference
    household: Household
    note: str | None = Field(default=None, max_length=2000)


class CaseChange(Strict):
    version: int = Field(
        ge=1, le=MAX_INT, description="The version you read; 409 if it is no longer current."
    )
    reference: Reference | None = None
    status: CaseStatus | None = None
    household: Household | None = None
    note: str | None = Field(default=None, max_length=2000)


class PersonChange(Strict):
    version: int = Field(
        ge=1, le=MAX_INT, description="The version you read; 409 if it is no longer current."
    )
    person: Person
    note: str | None = Field(default=None, max_length=2000)


class CaseSummary(BaseModel):
    id: str
    reference: str
    status: str
    version: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


class CaseOut(CaseSummary):
    household: dict[str, Any]


class VersionOut(BaseModel):
    version: int
    household: dict[str, Any]
    note: str | None
    created_at: datetime
    created_by: str


def checked(household: Household | dict[str, Any]) -> dict[str, Any]:
    """Validated household JSON, with the checks that need a date run as of today."""
    submitted = household if isinstance(household, dict) else household.model_dump(mode="json")
    parsed: Household | None = None
    try:
        parsed = (
            parse_household(household, "household") if isinstance(household, dict) else household
        )
        problems = household_problems(parsed, clock.today())
    except InvalidHousehold as error:
        problems = error.problems
    if problems or parsed is None:
        raise InvalidRequestError(redacted(problems, submitted))
    return parsed.model_dump(mode="json")


@router.post("/cases", status_code=status.HTTP_201_CREATED, response_model=CaseOut)
def create_case(body: CaseIn, actor: CurrentActor, found: Found) -> dict[str, Any]:
    return found.cases.create(actor, body.reference, checked(body.household), body.note)


@router.get("/cases", response_model=list[CaseSummary])
def list_cases(actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.cases.list(actor)


@router.get("/cases/{case_id}", response_model=CaseOut)
def get_case(case_id: str, actor: CurrentActor, found: Found) -> dict[str, Any]:
    return found.cases.get(actor, case_id)


@router.patch("/cases/{case_id}", response_model=CaseOut, responses=CONFLICT)
def change_case(
    case_id: str, body: CaseChange, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.cases.change(
        actor,
        case_id,
        body.version,
        household=checked(body.household) if body.household is not None else None,
        reference=body.reference,
        status=body.status.value if body.status else None,
        note=body.note,
    )


@router.get("/cases/{case_id}/versions", response_model=list[VersionOut])
def list_versions(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return found.cases.versions(actor, case_id)


@router.get("/cases/{case_id}/versions/{number}", response_model=VersionOut)
def get_version(
    case_id: str, number: Annotated[int, Path(ge=1, le=MAX_INT)], actor: CurrentActor, found: Found
) -> dict[str, Any]:
    return found.cases.version(actor, case_id, number)


@router.get("/cases/{case_id}/persons", tags=["persons"])
def list_persons(case_id: str, actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = found.cases.get(actor, case_id)["household"]["members"]
    return members


@router.get("/cases/{case_id}/persons/{person_id}", tags=["persons"])
def get_person(case_id: str, person_id: str, actor: CurrentActor, found: Found) -> dict[str, Any]:
    for member in found.cases.get(actor, case_id)["household"]["members"]:
        if member["id"] == person_id:
            return dict(member)
    raise NotFoundError("person")


@router.post(
    "/cases/{case_id}/persons",
    tags=["persons"],
    status_code=status.HTTP_201_CREATED,
    response_model=CaseOut,
    responses=CONFLICT,
)
def add_person(
    case_id: str, body: PersonChange, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    added = body.person.model_dump(mode="json")

    def edit(household: dict[str, Any]) -> dict[str, Any]:
        if added["id"] in [m["id"] for m in household["members"]]:
            raise InvalidRequestError(
                [{"path": "body.person.id", "message": "a person with this id is in the household"}]
            )
        household["members"] = [*household["members"], added]
        return checked(household)

    return found.cases.change(actor, case_id, body.version, edit=edit, note=body.note)


@router.put(
    "/cases/{case_id}/persons/{person_id}",
    tags=["persons"],
    response_model=CaseOut,
    responses=CONFLICT,
)
def replace_person(
    case_id: str, person_id: str, body: PersonChange, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    replacement = body.person.model_dump(mode="json")

    def edit(household: dict[str, Any]) -> dict[str, Any]:
        members = household["members"]
        if person_id not in [m["id"] for m in members]:
            raise NotFoundError("person")
        if replacement["id"] != person_id:  # records name persons by id: an id never changes
            raise InvalidRequestError(
                [{"path": "body.person.id", "message": "a person's id cannot be changed"}]
            )
        household["members"] = [replacement if m["id"] == person_id else m for m in members]
        return checked(household)

    return found.cases.change(actor, case_id, body.version, edit=edit, note=body.note)
