"""The organisation's due list: what is overdue, due this week and due this month as of today,
soonest first, filtered by case and by kind; and the user's calendar feeds (the feed's secret
URL is shown once, on the page that answers its creation, never in a link or a log).

The list is the API's (``MeasureService.due``); ``today`` is resolved once per request.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Request, Response
from fastapi.responses import RedirectResponse

from zairyu.deadlines.due import Bucket
from zairyu.i18n import as_lang
from zairyu.store.access import InvalidRequestError
from zairyu.store.calendar_feeds import CalendarFeeds
from zairyu.web.pages.measures_page import citation_line, page_today, service, shown_deadline
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer

router = page_router()
GROUPS = [b.value for b in Bucket]


def due_context(request: Request, found: Found, user: PageUser) -> dict[str, Any]:
    lang = page_lang(request)
    today = page_today(request)
    case_id = request.query_params.get("case_id") or None
    kind = request.query_params.get("kind") or None
    due = service(found).due(user.actor, today, case_id=case_id, kind=kind)
    return {
        "user": user,
        "csrf": user.csrf,
        "due": due,
        "groups": [(g, [shown_deadline(i, lang) for i in due[g]]) for g in GROUPS],
        "count": sum(len(due[g]) for g in GROUPS),
        "notices": [
            n | {"citation_line": citation_line(n["citation"], lang)} for n in due["notices"]
        ],
        "today": today,
        "chosen_today": request.query_params.get("today") or "",
        "feeds": [f for f in CalendarFeeds(found.db).list(user.actor) if not f["revoked"]],
        "new_feed_url": "",
    }


@router.get("/due")
def due_page(request: Request, user: Viewer, found: Found) -> Response:
    return render(request, "due.html", due_context(request, found, user))


@router.post("/due/calendar-feeds")
def create_feed(
    request: Request,
    user: Changer,
    found: Found,
    lang: Annotated[str, Form(max_length=2)] = "ja",
    personal_titles: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """A new feed; its URL is on this answer only (a POST's page, not kept in any link)."""
    try:
        feed_lang = as_lang(lang)
    except ValueError as error:
        raise InvalidRequestError([{"path": "lang", "message": str(error)}]) from None
    _, secret = CalendarFeeds(found.db).create(
        user.actor, personal_titles=personal_titles == "yes", lang=feed_lang
    )
    context = due_context(request, found, user)
    context["new_feed_url"] = str(request.url_for("calendar_feed", secret=secret))
    response = render(request, "due.html", context)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post("/due/calendar-feeds/{feed_id}/revoke")
def revoke_feed(feed_id: str, user: Changer, found: Found) -> Response:
    CalendarFeeds(found.db).revoke(user.actor, feed_id)
    return RedirectResponse("/due#calendar", status_code=303)
