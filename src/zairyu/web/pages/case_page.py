"""The case page: the household's facts, the timeline of events, evidence, decisions (human
acts with reasons), reminders and assessments; each added through a form checked by the same
models as the JSON API."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from zairyu import clock
from zairyu.services import records as record_checks
from zairyu.store.access import InvalidRequestError, NotFoundError
from zairyu.store.records import DECISIONS, EVENTS, EVIDENCE, REMINDERS, RecordKind
from zairyu.web.pages.case_index import assessment_list
from zairyu.web.pages.evidence_files import MAX_FILE_BYTES, BadFile, read_file, store_file
from zairyu.web.pages.facts_view import household_facts
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer
from zairyu.web.routes.records import (
    DecisionIn,
    EventIn,
    EventKind,
    EvidenceIn,
    EvidenceKind,
    ReminderIn,
    ReminderKind,
)

router = page_router()
FORMS: dict[str, tuple[RecordKind, type[BaseModel]]] = {
    "events": (EVENTS, EventIn),
    "evidence": (EVIDENCE, EvidenceIn),
    "decisions": (DECISIONS, DecisionIn),
    "reminders": (REMINDERS, ReminderIn),
}
LISTS = ("person_ids",)


def case_context(found: Found, user: PageUser, case_id: str, lang: str) -> dict[str, Any]:
    case = found.cases.get(user.actor, case_id)
    actor = user.actor
    return {
        "user": user,
        "csrf": user.csrf,
        "case": case,
        "facts": household_facts(case["household"], lang),  # type: ignore[arg-type]
        "persons": [m["id"] for m in case["household"]["members"]],
        "events": sorted(
            found.records.list(actor, EVENTS, case_id), key=lambda e: e["occurred_on"]
        ),
        "evidence": found.records.list(actor, EVIDENCE, case_id),
        "decisions": found.records.list(actor, DECISIONS, case_id),
        "reminders": sorted(
            found.records.list(actor, REMINDERS, case_id), key=lambda r: r["due_on"]
        ),
        "assessments": assessment_list(found.db, actor, case_id),
        "event_kinds": [k.value for k in EventKind],
        "evidence_kinds": [k.value for k in EvidenceKind],
        "reminder_kinds": [k.value for k in ReminderKind],
        "today": clock.today().isoformat(),
        "problems": [],
        "open_form": "",
    }


@router.get("/cases/{case_id}")
def case_page(case_id: str, request: Request, user: Viewer, found: Found) -> Response:
    return render(request, "case.html", case_context(found, user, case_id, page_lang(request)))


def _fields(form: Any, model: type[BaseModel]) -> dict[str, Any]:
    """The posted fields the model knows; empty ones left out (the model's default applies)."""
    out: dict[str, Any] = {}
    for name in model.model_fields:
        if name in LISTS:
            values = [v for v in form.getlist(name) if v]
            if values:
                out[name] = values
        elif (value := form.get(name)) not in (None, ""):
            out[name] = value
    if model is EventIn and form.get("description"):
        out["details"] = {"description": form.get("description")}
    return out


def problems_of(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in e['loc']) or 'form'}: {e['msg'].removeprefix('Value error, ')}"
        for e in error.errors()
    ]


@router.post("/cases/{case_id}/{what}")
async def add_record(
    case_id: str,
    what: Literal["events", "evidence", "decisions", "reminders"],
    request: Request,
    user: Changer,
    found: Found,
) -> Response:
    kind, model = FORMS[what]
    form = await request.form()
    posted = _fields(form, model)
    try:
        if what == "evidence":
            posted |= await _uploaded(form, found, user)
        body = model.model_validate(posted)
        record_checks.add_record(
            found.records, user.actor, kind, case_id, _stored(body), clock.today()
        )
    except (ValidationError, BadFile, InvalidRequestError) as error:
        context = case_context(found, user, case_id, page_lang(request))
        context.update(problems=_problems(error), open_form=what)
        return render(request, "case.html", context, 422)
    return RedirectResponse(f"/cases/{case_id}#{what}", status_code=303)


def _stored(body: BaseModel) -> dict[str, Any]:
    """A checked form as the store keeps it (dates as dates; a new reminder not done)."""
    fields = body.model_dump(mode="json") if not isinstance(body, DecisionIn) else body.model_dump()
    for day_field in ("occurred_on", "received_on", "due_on"):
        if day_field in fields:
            fields[day_field] = getattr(body, day_field)
    if isinstance(body, ReminderIn):
        fields["done"] = False
    return fields


def _problems(error: ValidationError | BadFile | InvalidRequestError) -> list[Any]:
    if isinstance(error, ValidationError):
        return problems_of(error)
    if isinstance(error, InvalidRequestError):
        return error.problems
    return [str(error)]


async def _uploaded(form: Any, found: Found, user: PageUser) -> dict[str, str]:
    """The sha256 of the evidence's file, once stored; nothing if no file was chosen."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return {}
    data = await upload.read(MAX_FILE_BYTES + 1)
    stored = store_file(found.settings.evidence_dir, user.actor.org_id, data)
    return {"sha256": stored.sha256}


@router.get("/cases/{case_id}/evidence/{evidence_id}/file")
def evidence_file(case_id: str, evidence_id: str, user: Viewer, found: Found) -> Response:
    record = found.records.get(user.actor, EVIDENCE, case_id, evidence_id)
    found_file = read_file(found.settings.evidence_dir, user.actor.org_id, record["sha256"] or "")
    if found_file is None:
        raise NotFoundError("evidence file")
    data, media_type, extension = found_file
    headers = {
        "Content-Disposition": f'attachment; filename="evidence-{evidence_id}.{extension}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "no-store",
    }
    return Response(data, media_type=media_type, headers=headers)


@router.post("/cases/{case_id}/reminders/{reminder_id}/done")
def reminder_done(case_id: str, reminder_id: str, user: Changer, found: Found) -> Response:
    found.records.change(user.actor, REMINDERS, case_id, reminder_id, {"done": True})
    return RedirectResponse(f"/cases/{case_id}#reminders", status_code=303)
