"""A case's measures (supervision measures, provisional release): the list, recording and
changing a measure, its events and the deadlines its rules derive, each with its citation.

Every page calls the same service as the JSON API (``deadlines.service.MeasureService``) with
``today`` resolved once per request; a change names the version it was made on, and a stale
one shows both versions and saves nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from zairyu.deadlines.service import MeasureService
from zairyu.i18n import Lang
from zairyu.report.view import STATUS_WORDS, translate
from zairyu.store.access import WRITERS, ConflictError, InvalidRequestError
from zairyu.store.measures import Measures
from zairyu.web.pages.measures_forms import (
    EVENT_FIELDS,
    EVENT_KINDS,
    LABELS,
    MEASURE_FIELDS,
    MEASURE_KINDS,
    event_form_values,
    event_from_form,
    form_version,
    measure_form_values,
    measure_from_form,
    problems,
    store_problems,
)
from zairyu.web.pages.rendering import page_lang, render, words
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer
from zairyu.web.routes.reminders import request_today

router = page_router()


def service(found: Found) -> MeasureService:
    return MeasureService(Measures(found.db))


def page_today(request: Request) -> date:
    """``?today=`` (a day, or 'today'; empty is today) resolved once for the request, as the
    API does."""
    return request_today(request.query_params.get("today") or None)


def citation_line(citation: dict[str, Any], lang: Lang) -> str:
    """Source, place and status of the wording, as the assessment pages write them."""
    _ = translate(lang)
    title = (citation.get("title") or {}).get(lang) or citation["source"]
    status = _(STATUS_WORDS.get(citation["status"], citation["status"]))
    return f"{_('Source')}: {title}, {citation['pinpoint']} ({status})"


def basis_label(fact: str) -> str:
    """The message naming the fact a clock started from (``event report_made``,
    ``measure deposit_due_on``)."""
    what, _, name = fact.partition(" ")
    if what == "event":
        return name
    return LABELS.get(name) or LABELS.get(f"conditions.{name}") or name


def shown_deadline(deadline: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """A deadline view with the words this page's language needs."""
    return deadline | {
        "title_text": (deadline.get("title") or {}).get(lang, deadline["rule"]),
        "citation_line": citation_line(deadline["citation"], lang)
        if deadline.get("citation")
        else "",
        "holiday_line": citation_line(deadline["holiday"]["citation"], lang)
        if deadline.get("holiday")
        else "",
        "basis_label": basis_label(deadline["basis"]["fact"]) if "basis" in deadline else "",
    }


def _base(user: PageUser, case: dict[str, Any], lang: Lang) -> dict[str, Any]:
    return {
        "user": user,
        "csrf": user.csrf,
        "case": case,
        "persons": [m["id"] for m in case["household"]["members"]],
        "may_write": user.actor.role in WRITERS,
        "measure_kinds": MEASURE_KINDS,
        "event_kinds": EVENT_KINDS,
        "problems": [],
        "lang": lang,
    }


def list_context(
    found: Found, user: PageUser, case_id: str, today: date, lang: Lang
) -> dict[str, Any]:
    case = found.cases.get(user.actor, case_id)
    measures = service(found)
    shown = []
    for stored in measures.measures.list(user.actor, case_id):
        detail = measures.get(user.actor, case_id, stored["id"], today)
        open_ = [d for d in detail["deadlines"] if d["status"] not in ("done", "later")]
        upcoming = [d for d in detail["deadlines"] if d["status"] != "done"]
        shown.append(
            stored
            | {
                "open_count": len(open_),
                "next": shown_deadline(upcoming[0], lang) if upcoming else None,
            }
        )
    return _base(user, case, lang) | {
        "measures": shown,
        "disclaimer": measures.rules.disclaimer.model_dump(),
        "today": today,
        "form": measure_form_values(None),
        "open_form": False,
    }


def detail_context(
    found: Found, user: PageUser, case_id: str, measure_id: str, today: date, lang: Lang
) -> dict[str, Any]:
    case = found.cases.get(user.actor, case_id)
    detail = service(found).get(user.actor, case_id, measure_id, today)
    deadlines = [shown_deadline(d, lang) for d in detail["deadlines"] if not d["withdrawn"]]
    titles = {r.id: r.title.model_dump() for r in service(found).rules.rules}
    return _base(user, case, lang) | {
        "measure": detail,
        "deadlines": deadlines,
        "gaps": [g | {"title": titles.get(g["rule"], {})} for g in detail["gaps"]],
        "notices": [
            n | {"citation_line": citation_line(n["citation"], lang)} for n in detail["notices"]
        ],
        "today": today,
        "form": measure_form_values(detail),
        "open_form": "",
        "event_problems": {},
    }


@router.get("/cases/{case_id}/measures")
def measures_page(case_id: str, request: Request, user: Viewer, found: Found) -> Response:
    lang = page_lang(request)
    context = list_context(found, user, case_id, page_today(request), lang)
    return render(request, "measures.html", context)


@router.post("/cases/{case_id}/measures")
async def record_measure(case_id: str, request: Request, user: Changer, found: Found) -> Response:
    lang = page_lang(request)
    today = page_today(request)
    form = await request.form()
    t = words(lang)["t"]
    try:
        created = service(found).create(user.actor, case_id, measure_from_form(form), today)
    except (ValidationError, InvalidRequestError) as error:
        context = list_context(found, user, case_id, today, lang)
        context |= {
            "problems": _refused(error, "measure", t),
            "form": {k: str(form.get(k) or "") for k in context["form"]},
            "open_form": True,
        }
        return render(request, "measures.html", context, 422)
    return RedirectResponse(f"/cases/{case_id}/measures/{created['id']}", status_code=303)


@router.get("/cases/{case_id}/measures/{measure_id}")
def measure_page(
    case_id: str, measure_id: str, request: Request, user: Viewer, found: Found
) -> Response:
    lang = page_lang(request)
    context = detail_context(found, user, case_id, measure_id, page_today(request), lang)
    return render(request, "measure.html", context)


@router.post("/cases/{case_id}/measures/{measure_id}")
async def change_measure(
    case_id: str, measure_id: str, request: Request, user: Changer, found: Found
) -> Response:
    """A change of the measure's facts (its conditions, the release period, the supervisor)."""
    lang = page_lang(request)
    today = page_today(request)
    form = await request.form()
    t = words(lang)["t"]
    try:
        version = _version(form)
        service(found).change(
            user.actor, case_id, measure_id, version, measure_from_form(form), today
        )
    except (ValidationError, InvalidRequestError) as error:
        context = detail_context(found, user, case_id, measure_id, today, lang)
        context |= {
            "problems": _refused(error, "measure", t),
            "form": {k: str(form.get(k) or "") for k in context["form"]},
            "open_form": "measure",
        }
        return render(request, "measure.html", context, 422)
    except ConflictError as conflict:
        return _conflict(request, user, found, case_id, conflict, "measure", form)
    return RedirectResponse(f"/cases/{case_id}/measures/{measure_id}", status_code=303)


@router.post("/cases/{case_id}/measures/{measure_id}/events")
async def record_event(
    case_id: str, measure_id: str, request: Request, user: Changer, found: Found
) -> Response:
    lang = page_lang(request)
    form = await request.form()
    try:
        service(found).add_event(user.actor, case_id, measure_id, event_from_form(form))
    except (ValidationError, InvalidRequestError) as error:
        return _event_refused(request, user, found, case_id, measure_id, "new", error, lang)
    return RedirectResponse(f"/cases/{case_id}/measures/{measure_id}#events", status_code=303)


@router.post("/cases/{case_id}/measures/{measure_id}/events/{event_id}")
async def change_event(
    case_id: str, measure_id: str, event_id: str, request: Request, user: Changer, found: Found
) -> Response:
    lang = page_lang(request)
    form = await request.form()
    try:
        version = _version(form)
        fields = event_from_form(form)
        service(found).change_event(user.actor, case_id, measure_id, event_id, version, fields)
    except (ValidationError, InvalidRequestError) as error:
        return _event_refused(request, user, found, case_id, measure_id, event_id, error, lang)
    except ConflictError as conflict:
        return _conflict(request, user, found, case_id, conflict, "event", form, measure_id)
    return RedirectResponse(f"/cases/{case_id}/measures/{measure_id}#events", status_code=303)


@router.post("/cases/{case_id}/measures/{measure_id}/deadlines/{deadline_id}/done")
async def mark_done(
    case_id: str, measure_id: str, deadline_id: str, request: Request, user: Changer, found: Found
) -> Response:
    form = await request.form()
    done = form.get("done", "yes") != "no"
    today = page_today(request)
    service(found).mark(user.actor, case_id, measure_id, deadline_id, done, today)
    return RedirectResponse(f"/cases/{case_id}/measures/{measure_id}#deadlines", status_code=303)


def _version(form: Any) -> int:
    try:
        return form_version(form)
    except ValueError:
        problem = {"path": "version", "message": "is missing; reload the page and retry"}
        raise InvalidRequestError([problem]) from None


def _refused(error: Exception, whole: str, t: Any) -> list[dict[str, str]]:
    if isinstance(error, ValidationError):
        return problems(error, whole, t)
    assert isinstance(error, InvalidRequestError)
    return store_problems(error.problems, whole, t)


def _event_refused(
    request: Request,
    user: PageUser,
    found: Found,
    case_id: str,
    measure_id: str,
    which: str,
    error: Exception,
    lang: Lang,
) -> Response:
    context = detail_context(found, user, case_id, measure_id, page_today(request), lang)
    context |= {
        "problems": _refused(error, "event", words(lang)["t"]),
        "open_form": f"event-{which}",
    }
    return render(request, "measure.html", context, 422)


def _conflict(
    request: Request,
    user: PageUser,
    found: Found,
    case_id: str,
    conflict: ConflictError,
    what: str,
    form: Any,
    measure_id: str | None = None,
) -> Response:
    """Someone changed it since the form was opened: both versions, nothing saved."""
    case = found.cases.get(user.actor, case_id)
    current = conflict.current
    fields = MEASURE_FIELDS if what == "measure" else EVENT_FIELDS
    theirs = measure_form_values(current) if what == "measure" else event_form_values(current)
    context = {
        "user": user,
        "csrf": user.csrf,
        "case": case,
        "what": what,
        "mine": [(fields[k][1], str(form.get(k) or "")) for k in fields if form.get(k)],
        "theirs": [(fields[k][1], v) for k, v in theirs.items() if v and k in fields],
        "current": current,
        "version": str(form.get("version") or ""),
        "back": f"/cases/{case_id}/measures/{measure_id or current['id']}",
    }
    return render(request, "measure_conflict.html", context, 409)
