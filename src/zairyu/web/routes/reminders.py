"""The organisation's due list, and each user's calendar feeds (revocable secret URLs).

The feed URL is the only credential of ``GET /calendar/{secret}.ics``: it is shown once when
the feed is created, only its hash is stored, and revoking the feed ends it. Titles carry no
personal data unless the user opted in when creating the feed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field

from zairyu import clock
from zairyu.deadlines.service import MeasureService
from zairyu.i18n import as_lang
from zairyu.store.access import InvalidRequestError
from zairyu.store.calendar_feeds import CalendarFeeds
from zairyu.store.measures import Measures
from zairyu.web.security import CurrentActor, Found, remote_address

router = APIRouter()
FEED_PATH = "/calendar/{secret}.ics"


def request_today(
    today: Annotated[
        str | None, Query(description="The day to show deadlines for: YYYY-MM-DD or 'today'.")
    ] = None,
) -> date:
    """``today`` resolved once for the request (``zairyu.clock``), or a 422 naming it."""
    try:
        return clock.resolve_day(today)
    except ValueError as error:
        raise InvalidRequestError([{"path": "query.today", "message": str(error)}]) from None


Today = Annotated[date, Depends(request_today)]


class CalendarFeedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    personal_titles: bool = Field(
        default=False,
        description="Put the case's reference in event titles (off: the rule's title only).",
    )
    lang: Literal["ja", "en"] = "ja"


@router.get("/due", tags=["reminders"])
def due_list(
    actor: CurrentActor,
    found: Found,
    today: Today,
    case_id: Annotated[
        str | None, Query(max_length=64, description="Only this case's deadlines.")
    ] = None,
    kind: Annotated[
        str | None,
        Query(max_length=80, description="Only this kind: a rule's id, or 'case_reminder'."),
    ] = None,
) -> dict[str, Any]:
    """Every open deadline of the organisation: overdue, this week (today and the next six
    days), this month (the 7th to the 30th day), soonest first; ``cases`` and ``kinds`` name
    what the unfiltered list holds."""
    return MeasureService(Measures(found.db)).due(actor, today, case_id=case_id, kind=kind)


@router.post("/users/me/calendar-feeds", tags=["reminders"], status_code=status.HTTP_201_CREATED)
def create_feed(
    body: CalendarFeedIn, request: Request, actor: CurrentActor, found: Found
) -> dict[str, Any]:
    """A new calendar feed; its URL is shown this once and is a password: keep it secret."""
    view, secret = CalendarFeeds(found.db).create(
        actor, personal_titles=body.personal_titles, lang=body.lang
    )
    path = request.url_for("calendar_feed", secret=secret).path
    return view | {"url": path}


@router.get("/users/me/calendar-feeds", tags=["reminders"])
def list_feeds(actor: CurrentActor, found: Found) -> list[dict[str, Any]]:
    return CalendarFeeds(found.db).list(actor)


@router.delete(
    "/users/me/calendar-feeds/{feed_id}",
    tags=["reminders"],
    status_code=status.HTTP_204_NO_CONTENT,
)
def revoke_feed(feed_id: str, actor: CurrentActor, found: Found) -> Response:
    CalendarFeeds(found.db).revoke(actor, feed_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    FEED_PATH,
    tags=["reminders"],
    name="calendar_feed",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def calendar_feed(secret: str, request: Request, found: Found) -> Response:
    """The feed's deadlines as iCalendar. The secret in the URL is the only credential."""
    feeds = CalendarFeeds(found.db)
    actor, feed = feeds.open(secret, remote_address(request))
    body = MeasureService(Measures(found.db)).calendar(
        actor, lang=as_lang(feed["lang"]), personal_titles=feed["personal_titles"]
    )
    headers = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)
