"""A new case from a household file, and editing a case's facts.

An edit names the version it was made on; if someone else changed the case since, the page
shows both versions side by side and changes nothing (never a silent overwrite).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Form, Request, Response
from fastapi.responses import RedirectResponse

from zairyu.services.cases import reference_problem
from zairyu.store.access import ConflictError, InvalidRequestError
from zairyu.web.pages.rendering import render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer
from zairyu.web.routes.cases import checked

router = page_router()
MAX_TEXT = 200_000


def _household(text: str) -> dict[str, Any]:
    try:
        raw = json.loads(text)
    except ValueError as error:
        raise InvalidRequestError(
            [{"path": "household", "message": f"not JSON: {error}"}]
        ) from None
    if not isinstance(raw, dict):
        raise InvalidRequestError([{"path": "household", "message": "must be a JSON object"}])
    return checked(raw)


def _form(request: Request, user: PageUser, values: dict[str, Any], status: int = 200) -> Response:
    context = {"user": user, "csrf": user.csrf, "problems": [], **values}
    return render(request, "case_edit.html", context, status)


@router.get("/cases/new")
def new_case_page(request: Request, user: Viewer) -> Response:
    return _form(request, user, {"case": None, "text": "", "reference": ""})


@router.post("/cases/new")
def new_case(
    request: Request,
    user: Changer,
    found: Found,
    reference: Annotated[str, Form(max_length=100)] = "",
    household: Annotated[str, Form(max_length=MAX_TEXT)] = "",
) -> Response:
    values = {"case": None, "text": household, "reference": reference}
    try:
        if problem := reference_problem(reference):
            raise InvalidRequestError([{"path": "reference", "message": problem}])
        case = found.cases.create(user.actor, reference.strip(), _household(household))
    except InvalidRequestError as error:
        return _form(request, user, values | {"problems": error.problems}, 422)
    return RedirectResponse(f"/cases/{case['id']}", status_code=303)


@router.get("/cases/{case_id}/edit")
def edit_page(case_id: str, request: Request, user: Viewer, found: Found) -> Response:
    case = found.cases.get(user.actor, case_id)
    text = json.dumps(case["household"], ensure_ascii=False, indent=2)
    return _form(request, user, {"case": case, "text": text, "reference": case["reference"]})


@router.post("/cases/{case_id}/edit")
def edit_case(
    case_id: str,
    request: Request,
    user: Changer,
    found: Found,
    version: Annotated[int, Form(ge=1)],
    household: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    case = found.cases.get(user.actor, case_id)
    values = {
        "case": case | {"version": version},
        "text": household,
        "reference": case["reference"],
    }
    try:
        found.cases.change(
            user.actor, case_id, version, household=_household(household), note=note or None
        )
    except InvalidRequestError as error:
        return _form(request, user, values | {"problems": error.problems}, 422)
    except ConflictError as conflict:
        theirs = json.dumps(conflict.current["household"], ensure_ascii=False, indent=2)
        context = {"user": user, "csrf": user.csrf, "case": conflict.current}
        context |= {"mine": household, "theirs": theirs, "version": version}
        return render(request, "conflict.html", context, 409)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
