"""Assess a case (the result is kept, as through the API) and show a kept assessment: the
summary first, then what to gather next, the reasons with their sources, what could change
the result, and the disclaimer."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Form, Request, Response
from fastapi.responses import RedirectResponse

from zairyu import clock
from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.report.view import display_names
from zairyu.store.records import ASSESSMENTS
from zairyu.web.pages.explaining import explain
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, Viewer
from zairyu.web.pages.stored import from_stored
from zairyu.web.routes.assessments import AssessmentOptions, run

router = page_router()


@router.post("/cases/{case_id}/assess")
def assess_case(
    case_id: str,
    user: Changer,
    found: Found,
    as_of: Annotated[date | None, Form()] = None,
) -> Response:
    case = found.cases.get(user.actor, case_id)
    on = as_of or clock.today()
    result = run(
        parse_household(case["household"], "stored case"), AssessmentOptions(as_of=on)
    ).to_dict()
    fields = {
        "case_version": case["version"],
        "as_of": on,
        "policies": [
            {"policy_id": p["policy_id"], "policy_version": p["policy_version"]}
            for p in result["policies"]
        ],
        "result": result,
    }
    record = found.records.add(user.actor, ASSESSMENTS, case_id, fields)
    return RedirectResponse(f"/cases/{case_id}/assessments/{record['id']}", status_code=303)


@router.get("/cases/{case_id}/assessments/{assessment_id}")
def assessment_page(
    case_id: str, assessment_id: str, request: Request, user: Viewer, found: Found
) -> Response:
    case = found.cases.get(user.actor, case_id)
    record = found.records.get(user.actor, ASSESSMENTS, case_id, assessment_id)
    try:  # the names are the case's, shown beside the ids; never in a log or a message
        names = display_names(parse_household(case["household"], "stored case"))
    except InvalidHousehold:
        names = {}
    view = explain(from_stored(record["result"]), page_lang(request), names=names)
    return render(
        request,
        "assessment.html",
        {"user": user, "csrf": user.csrf, "case": case, "record": record, "view": view},
    )
