"""The case list: search by reference, filter by status, outcome and open reminders."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, Response
from fastapi.responses import RedirectResponse

from zairyu.web.pages.case_index import case_page
from zairyu.web.pages.rendering import render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Found, Viewer

router = page_router()


@router.get("/")
def home(user: Viewer) -> Response:
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
def cases(
    request: Request,
    user: Viewer,
    found: Found,
    reference: Annotated[str, Query(max_length=100)] = "",
    status: Annotated[str, Query(pattern="^(|open|closed)$")] = "",
    outcome: Annotated[str, Query(max_length=50)] = "",
    reminders: Annotated[bool, Query()] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    listing = case_page(
        found.db,
        user.actor,
        reference=reference.strip(),
        status=status,
        outcome=outcome,
        with_reminders=reminders,
        page=page,
    )
    filters = {"reference": reference, "status": status, "outcome": outcome, "reminders": reminders}
    return render(
        request,
        "cases.html",
        {"user": user, "csrf": user.csrf, "listing": listing, "filters": filters},
    )
