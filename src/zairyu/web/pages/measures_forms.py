"""The forms of the measures pages: posted fields turned into the API's own models (so a page
refuses exactly what the API refuses), a stored measure turned back into a form to edit, and
refusals that name the field as the form labels it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from zairyu.deadlines.due import Status
from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import EventKind, MeasureKind, Party
from zairyu.deadlines.schema import HolidayRule
from zairyu.store.measures import EventFields
from zairyu.web.routes.measures import MeasureEventIn

# Each field of the measure form: its name in the form, its place in the model, its label.
MEASURE_FIELDS: dict[str, tuple[str, str]] = {
    "kind": ("kind", "Kind of measure"),
    "decided_on": ("decided_on", "Decided on"),
    "person_id": ("person_id", "Person"),
    "release_period_ends_on": ("release_period_ends_on", "Release period ends on"),
    "designated_residence": ("conditions.designated_residence", "Designated residence"),
    "movement_area": ("conditions.movement_area", "Area of movement"),
    "duty_to_appear": ("conditions.duty_to_appear", "Duty to appear when summoned"),
    "deposit_yen": ("conditions.deposit_yen", "Deposit (yen)"),
    "deposit_due_on": ("conditions.deposit_due_on", "Deposit due on"),
    "work_employer": ("conditions.work.employer", "Designated employer"),
    "work_limit": ("conditions.work.limit", "Limit of the work permitted"),
    "other": ("conditions.other", "Other conditions (one a line)"),
    "supervisor_name": ("supervisor.name", "Supervisor's name"),
    "supervisor_contact": ("supervisor.contact", "Supervisor's contact"),
    "supervisor_staff": ("supervisor.organisation_staff", "The supervisor is one of our staff"),
}
EVENT_FIELDS: dict[str, tuple[str, str]] = {
    "kind": ("kind", "What happened"),
    "day": ("day", "Day"),
    "refers_to": ("refers_to", "Answers the event"),
    "note": ("note", "Note"),
    "version": ("version", "Version"),
}
LABELS = {place: label for place, label in (*MEASURE_FIELDS.values(), *EVENT_FIELDS.values())}
# What a refusal of the whole form (no field) is about.
WHOLE = {"measure": "The measure", "event": "The event"}
# The codes the measures pages show with t(code), and the labels they translate in Python.
VOCABULARY = tuple(
    k.value for kinds in (MeasureKind, EventKind, Party, Status, HolidayRule) for k in kinds
)
MESSAGES = (*LABELS.values(), *WHOLE.values())
MEASURE_KINDS = [k.value for k in MeasureKind]
EVENT_KINDS = [k.value for k in EventKind]
YES_NO = {"yes": True, "no": False}


def measure_from_form(form: Mapping[str, Any]) -> Measure:
    """The measure a form describes; ``ValidationError`` names the fields it refuses."""
    text = {name: str(form.get(name) or "").strip() for name in MEASURE_FIELDS}
    conditions: dict[str, Any] = {
        key: text[key]
        for key in ("designated_residence", "movement_area", "deposit_yen", "deposit_due_on")
        if text[key]
    }
    if text["duty_to_appear"] in YES_NO:
        conditions["duty_to_appear"] = YES_NO[text["duty_to_appear"]]
    if text["work_employer"] or text["work_limit"]:
        conditions["work"] = {
            "employer": text["work_employer"],
            "limit": text["work_limit"] or None,
        }
    lines = [line.strip() for line in text["other"].splitlines()]
    if any(lines):
        conditions["other"] = [line for line in lines if line]
    data: dict[str, Any] = {
        key: text[key]
        for key in ("kind", "decided_on", "person_id", "release_period_ends_on")
        if text[key]
    }
    data["conditions"] = conditions
    if text["supervisor_name"] or text["supervisor_contact"] or text["supervisor_staff"]:
        data["supervisor"] = {
            "name": text["supervisor_name"],
            "contact": text["supervisor_contact"] or None,
            "organisation_staff": text["supervisor_staff"] == "yes",
        }
    return Measure.model_validate(data)


def measure_form_values(stored: Mapping[str, Any] | None) -> dict[str, str]:
    """A stored measure as the form's fields (empty for a new one)."""
    values = dict.fromkeys(MEASURE_FIELDS, "")
    if stored is None:
        return values
    conditions = stored.get("conditions") or {}
    work = conditions.get("work") or {}
    supervisor = stored.get("supervisor") or {}
    appear = conditions.get("duty_to_appear")
    values |= {
        "kind": stored["kind"],
        "decided_on": _text(stored.get("decided_on")),
        "person_id": _text(stored.get("person_id")),
        "release_period_ends_on": _text(stored.get("release_period_ends_on")),
        "designated_residence": _text(conditions.get("designated_residence")),
        "movement_area": _text(conditions.get("movement_area")),
        "duty_to_appear": "" if appear is None else ("yes" if appear else "no"),
        "deposit_yen": _text(conditions.get("deposit_yen")),
        "deposit_due_on": _text(conditions.get("deposit_due_on")),
        "work_employer": _text(work.get("employer")),
        "work_limit": _text(work.get("limit")),
        "other": "\n".join(conditions.get("other") or []),
        "supervisor_name": _text(supervisor.get("name")),
        "supervisor_contact": _text(supervisor.get("contact")),
        "supervisor_staff": "yes" if supervisor.get("organisation_staff") else "",
    }
    return values


def event_from_form(form: Mapping[str, Any]) -> EventFields:
    """The event a form describes, checked by the API's model."""
    data = {
        name: value
        for name in ("kind", "day", "refers_to", "note")
        if (value := str(form.get(name) or "").strip())
    }
    return MeasureEventIn.model_validate(data).fields()


def event_form_values(stored: Mapping[str, Any]) -> dict[str, str]:
    """A stored event as the form's fields."""
    return {name: _text(stored.get(name)) for name in EVENT_FIELDS}


def form_version(form: Mapping[str, Any]) -> int:
    """The version the form was made on; a missing or bad one is refused naming the field."""
    raw = str(form.get("version") or "")
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError("version")
    return int(raw)


def problems(error: ValidationError, whole: str, t: Callable[..., str]) -> list[dict[str, str]]:
    """Each refusal with the field as the form labels it, in the page's language."""
    found = []
    for e in error.errors():
        place = ".".join(str(p) for p in e["loc"] if not isinstance(p, int))
        label = LABELS.get(place, WHOLE[whole])
        found.append({"path": t(label), "message": e["msg"].removeprefix("Value error, ")})
    return found


def store_problems(
    refused: list[dict[str, str]], whole: str, t: Callable[..., str]
) -> list[dict[str, str]]:
    """The store's refusals (``body.person_id``) with the field as the form labels it."""
    return [
        {
            "path": t(LABELS.get(p["path"].removeprefix("body."), WHOLE[whole])),
            "message": p["message"],
        }
        for p in refused
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)
