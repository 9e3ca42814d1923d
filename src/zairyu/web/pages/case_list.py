"""The case list: search by reference, filter by status, outcome and open reminders.

Searching by a member's name is a form posted, never a query string: a name must not end up in
a URL, a browser's history, a proxy's log or the audit trail.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from zairyu.web.pages.case_index import case_page
from zairyu.web.pages.rendering import render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, Viewer

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
        {"user": user, "csrf": user.csrf, "listing": listing, "filters": filters, "name": ""},
    )


@router.post("/cases/by-name")
def cases_by_name(
    request: Request,
    user: Changer,
    found: Found,
    name: Annotated[str, Form(max_length=100)] = "",
    page: Annotated[int, Form(ge=1, le=100_000)] = 1,
) -> Response:
    """Cases with a member whose display name holds ``name`` (spaces and width ignored)."""
    if not name.strip():
        return RedirectResponse("/cases", status_code=303)
    listing = case_page(found.db, user.actor, name=name.strip(), page=page)
    filters = {"reference": "", "status": "", "outcome": "", "reminders": False}
    context = {"user": user, "csrf": user.csrf, "listing": listing, "filters": filters}
    return render(request, "cases.html", context | {"name": name.strip()})
