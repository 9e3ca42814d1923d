"""The guided interview as pages: a thin adapter over ``zairyu.interview``.

Nothing is stored while screening: the answers travel in the form itself (a hidden field,
posted, never in a URL), so a first conversation at a help desk leaves no trace on the server.
"Save as case" creates the case with its answers in the store. With htmx, each answer swaps in
the next question; without JavaScript, each answer loads the next page.

A stored case can be edited through the same questions (``/cases/{id}/interview``): the stored
facts are the answers already given, and saving changes the case as of the version the edit
started on (someone else's change in between is shown, never overwritten).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Form as FormField
from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from zairyu import clock
from zairyu.interview.choosing import Step, needed_answers, step
from zairyu.interview.questions import BY_PATH, QUESTIONS
from zairyu.interview.state import FIXED, HOUSEHOLD, Interview, InterviewError, key, split_key
from zairyu.model.kinds import Role
from zairyu.store.access import ConflictError, InvalidRequestError
from zairyu.web.pages.explaining import explain
from zairyu.web.pages.facts_view import label, shown
from zairyu.web.pages.interview_forms import REASONS_PATH, Form, defaults, parse, shown_exactly
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer
from zairyu.web.routes.cases import checked

router = page_router()


class Current(dict[str, Any]):
    """A question's current values; a control with none shows empty."""

    def __missing__(self, name: str) -> None:
        return None


# The answers, and for an edit the stored household, travel in the form (never in a URL).
State = Annotated[str, FormField(max_length=400_000)]


def _page(
    request: Request, user: PageUser, interview: Interview, extra: dict[str, Any], status: int = 200
) -> Response:
    lang = page_lang(request)
    current: Step = extra.pop("step", None) or step(interview, clock.today())
    asking = extra.pop("asking", None) or (
        (current.next.subject, current.next.question) if current.next else None
    )
    subject, question = asking if asking else (None, None)
    value = interview.answers.get(key(subject, question.path)) if question and subject else None
    context = {
        "user": user,
        "csrf": user.csrf,
        "state": interview.to_json(),
        "view": explain(current.assessment, lang, detail=False),
        "remaining": len(current.candidates),
        "done": current.done,
        "subject": subject,
        "role_of": dict(interview.members),
        "question": question,
        "current": Current(defaults(question, value) if question else {}),
        "answered": len(interview.answers) + len(interview.unknown),
        "editing": interview.case_id,
        "problem": "",
        **extra,
    }
    partial = request.headers.get("HX-Request") == "true"
    return render(request, "_interview.html" if partial else "interview.html", context, status)


@router.get("/cases/{case_id}/interview")
def edit_case_page(case_id: str, request: Request, user: Viewer, found: Found) -> Response:
    """Edit a stored case's facts through the questions."""
    case = found.cases.get(user.actor, case_id)
    try:
        interview = Interview.from_case(
            case["household"], case["id"], case["version"], [*BY_PATH], shown_exactly
        )
    except InterviewError as error:
        context = {"status": 422, "message": str(error)}
        return render(request, "problem.html", context, 422)
    return _page(request, user, interview, {})


@router.get("/interview")
def start_page(request: Request, user: Viewer) -> Response:
    return render(request, "interview_start.html", {"user": user, "csrf": user.csrf, "problem": ""})


@router.post("/interview/start")
def start(
    request: Request,
    user: Changer,
    parents: Annotated[int, FormField(ge=0, le=20)] = 0,
    children: Annotated[int, FormField(ge=0, le=20)] = 0,
    relatives: Annotated[int, FormField(ge=0, le=20)] = 0,
) -> Response:
    try:
        counts: dict[str, int] = {
            Role.parent: parents,
            Role.child: children,
            Role.other_relative: relatives,
        }
        interview = Interview.with_members(counts)
    except InterviewError as error:
        context = {"user": user, "csrf": user.csrf, "problem": str(error)}
        return render(request, "interview_start.html", context, 422)
    return _page(request, user, interview, {})


def _question(subject: str, path: str, interview: Interview) -> Any:
    question = BY_PATH.get(path)
    known = subject == HOUSEHOLD or subject in dict(interview.members)
    if question is None or not known or (question.scope == "household") != (subject == HOUSEHOLD):
        raise InterviewError("this question is not part of the screening")
    return question


@router.post("/interview/answer")
async def answer(request: Request, user: Changer, state: State) -> Response:
    form = await request.form()
    interview = Interview.from_json(state)
    subject, path = str(form.get("subject", "")), str(form.get("path", ""))
    question = _question(subject, path, interview)
    try:
        if form.get("dont_know"):
            interview.answer(subject, path, None)
        else:
            value = parse(question, Form(form))
            if question.kind == "special":
                reasons = str(form.get("reasons", "")).strip()[:5000]
                interview.answers[key(subject, REASONS_PATH)] = reasons or None
            interview.answer(subject, path, value)
    except InterviewError as error:
        return _page(
            request, user, interview, {"asking": (subject, question), "problem": str(error)}, 422
        )
    return _page(request, user, interview, {})


@router.post("/interview/change")
def change(
    request: Request,
    user: Changer,
    state: State,
    subject: Annotated[str, FormField(max_length=64)],
    path: Annotated[str, FormField(max_length=100)],
) -> Response:
    """Show an answered (or "don't know") question again, to change it."""
    interview = Interview.from_json(state)
    if key(subject, path) in interview.fixed:
        return _page(request, user, interview, {"problem": FIXED}, 422)
    return _page(
        request, user, interview, {"asking": (subject, _question(subject, path, interview))}
    )


@router.post("/interview/continue")
def resume(request: Request, user: Changer, state: State) -> Response:
    return _page(request, user, Interview.from_json(state), {})


@router.post("/interview/summary")
def summary(request: Request, user: Changer, state: State) -> Response:
    interview = Interview.from_json(state)
    lang = page_lang(request)
    needed = needed_answers(interview, clock.today())
    rows = []
    for k in [*interview.asked, *sorted(set(interview.answers) - set(interview.asked))]:
        subject, path = split_key(k)
        question = BY_PATH.get(path)
        if question is None:
            continue
        value = interview.answers.get(k)
        rows.append(
            {
                "subject": subject,
                "path": path,
                "question": question.text(lang),
                "label": label(question, lang),
                "value": shown(value, lang) if k in interview.answers else None,
                "needed": k in needed or k in interview.unknown,
                "fixed": k in interview.fixed,
            }
        )
    current = step(interview, clock.today())
    context = {
        "user": user,
        "csrf": user.csrf,
        "state": interview.to_json(),
        "rows": rows,
        "view": explain(current.assessment, lang, detail=False),
        "remaining": len(current.candidates),
        "done": current.done,
        "total_questions": len(QUESTIONS),
        "editing": interview.case_id,
    }
    return render(request, "interview_summary.html", context)


@router.post("/interview/save")
def save(
    request: Request,
    user: Changer,
    found: Found,
    state: State,
    reference: Annotated[str, FormField(max_length=100)] = "",
    note: Annotated[str, FormField(max_length=2000)] = "",
) -> Response:
    interview = Interview.from_json(state)
    if interview.case_id is not None and interview.version is not None:
        return _save_edit(request, user, found, interview, note)
    if not reference.strip():
        return _page(
            request, user, interview, {"problem": "Write a reference to save the case."}, 422
        )
    try:
        household = checked(interview.household_dict())
    except InvalidRequestError as error:
        problem = "; ".join(p["message"] for p in error.problems)
        return _page(request, user, interview, {"problem": problem}, 422)
    note = f"screening: {len(interview.answers)} answers, {len(interview.unknown)} don't know"
    case = found.cases.create(user.actor, reference.strip(), household, note)
    return RedirectResponse(f"/cases/{case['id']}", status_code=303)


def _save_edit(
    request: Request, user: PageUser, found: Found, interview: Interview, note: str
) -> Response:
    """Change the stored case as of the version the edit started on."""
    case_id, version = str(interview.case_id), int(interview.version or 0)
    try:
        household = checked(interview.household_dict())
        found.cases.change(user.actor, case_id, version, household=household, note=note or None)
    except InvalidRequestError as error:
        problem = "; ".join(p["message"] for p in error.problems)
        return _page(request, user, interview, {"problem": problem}, 422)
    except ConflictError as conflict:
        theirs = json.dumps(conflict.current["household"], ensure_ascii=False, indent=2)
        mine = json.dumps(interview.household_dict(), ensure_ascii=False, indent=2)
        context = {"user": user, "csrf": user.csrf, "case": conflict.current}
        context |= {"mine": mine, "theirs": theirs, "version": version}
        return render(request, "conflict.html", context, 409)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
