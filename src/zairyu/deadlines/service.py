"""The use cases of measures and their deadlines, as plain functions the API, the CLI and the
web pages all call. ``today`` is always passed in (resolved once per request or command by
``zairyu.clock``); nothing here reads the clock or sends anything anywhere.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import select

from zairyu.deadlines import ical
from zairyu.deadlines.due import Bucket, bucket, status
from zairyu.deadlines.engine import compute
from zairyu.deadlines.facts import Measure
from zairyu.deadlines.kinds import TYPED_TITLE, Party
from zairyu.deadlines.loader import shipped_rules
from zairyu.deadlines.schema import Rule, RuleSet
from zairyu.i18n import Lang
from zairyu.policies.loader import load_sources
from zairyu.policies.schema import Citation, Source
from zairyu.store.access import Actor, NotFoundError, UserRole
from zairyu.store.database import Database
from zairyu.store.measures import EventFields, Measures, event_facts_from_view, facts_from_view
from zairyu.store.tables import Organisation

CONFLICT_NOTICE = "supervisor_confidentiality_conflict"
DUE_WINDOW_DAYS = 30


@cache
def _registry() -> dict[str, Source]:
    """The source registry, read once per process (it ships with zairyu)."""
    return load_sources()


def citation_view(citation: Citation) -> dict[str, Any]:
    source = _registry().get(citation.source)
    return citation.model_dump(mode="json") | {
        "url": source.url if source else None,
        "title": source.title.model_dump() if source else None,
    }


def rule_view(rule: Rule) -> dict[str, Any]:
    """What a user sees of a rule: its words, its source, zairyu's readings."""
    return {
        "rule": rule.id,
        "family": rule.family,
        "title": rule.title.model_dump(),
        "text": rule.text.model_dump(),
        "party": rule.party.value,
        "severity": rule.severity.value,
        "citation": citation_view(rule.citation),
        "reading": rule.reading.model_dump() if rule.reading else None,
        "consequence": rule.consequence.model_dump() if rule.consequence else None,
        "holiday": {
            "rule": rule.holiday.rule.value,
            "citation": citation_view(rule.holiday.citation),
            "reading": rule.holiday.reading.model_dump() if rule.holiday.reading else None,
        },
    }


def deadline_view(reminder: dict[str, Any], today: date, rules: RuleSet) -> dict[str, Any]:
    """A stored reminder with its rule, the facts it came from, and where it stands today."""
    rule = rules.rule(reminder["rule_id"])
    done = bool(reminder["done"] or reminder["fulfilled_by"])
    state = status(reminder["due_on"], today, done=done or bool(reminder["withdrawn"]))
    described = rule_view(rule) if rule else {"rule": reminder["rule_id"], "title": None}
    return described | {
        "source": "measure",
        "id": reminder["id"],
        "key": reminder["key"],
        "measure_id": reminder["measure_id"],
        "case_id": reminder["case_id"],
        "due_on": reminder["due_on"],
        "status": state.value,
        "moved_from": reminder["moved_from"],
        "basis": {
            "fact": reminder["start_fact"],
            "on": reminder["start_on"],
            "event_id": reminder["event_id"],
        },
        "fulfilled_by": reminder["fulfilled_by"],
        "done": reminder["done"],
        "done_by": reminder["done_by"],
        "withdrawn": reminder["withdrawn"],
    }


def case_reminder_view(typed: dict[str, Any], today: date) -> dict[str, Any]:
    """A reminder typed in on a case, shaped like a deadline (no rule: a person wrote it)."""
    return {
        "rule": None,
        "source": "case_reminder",
        "id": typed["id"],
        "case_id": typed["case_id"],
        "case_reference": typed["case_reference"],
        "kind": typed["kind"],
        "title": {"ja": typed["title"], "en": typed["title"]},
        "due_on": typed["due_on"],
        "status": status(typed["due_on"], today, done=typed["done"]).value,
        "done": typed["done"],
    }


def notices_for(measure: Measure, rules: RuleSet) -> list[dict[str, Any]]:
    """The conflict notice where the organisation's own staff are recorded as the supervisor."""
    if not (measure.supervisor and measure.supervisor.organisation_staff):
        return []
    notice = rules.notice(CONFLICT_NOTICE)
    assert notice is not None, "the rules file carries the conflict notice"
    return [
        {
            "id": notice.id,
            "text": notice.text.model_dump(),
            "citation": citation_view(notice.citation),
        }
    ]


def measure_detail(stored: dict[str, Any], today: date, rules: RuleSet) -> dict[str, Any]:
    """A measure with its events, its deadlines as they stand today, gaps and notices."""
    facts = facts_from_view(stored)
    events = [event_facts_from_view(e) for e in stored["events"]]
    gaps = compute(facts, events, rules).gaps
    return stored | {
        "today": today,
        "deadlines": [deadline_view(r, today, rules) for r in stored["reminders"]],
        "gaps": [{"rule": g.rule_id, "on": g.on, "message": g.message} for g in gaps],
        "notices": notices_for(facts, rules),
        "disclaimer": rules.disclaimer.model_dump(),
    }


class MeasureService:
    """The use cases over one store; the rules are the shipped ones unless given."""

    def __init__(self, measures: Measures, rules: RuleSet | None = None) -> None:
        self.measures = measures
        self.rules = rules or shipped_rules()

    def create(self, actor: Actor, case_id: str, measure: Measure, today: date) -> dict[str, Any]:
        return measure_detail(self.measures.create(actor, case_id, measure), today, self.rules)

    def get(self, actor: Actor, case_id: str, measure_id: str, today: date) -> dict[str, Any]:
        return measure_detail(self.measures.get(actor, case_id, measure_id), today, self.rules)

    def change(
        self,
        actor: Actor,
        case_id: str,
        measure_id: str,
        version: int,
        measure: Measure,
        today: date,
    ) -> dict[str, Any]:
        stored = self.measures.change(actor, case_id, measure_id, version, measure)
        return measure_detail(stored, today, self.rules)

    def add_event(
        self, actor: Actor, case_id: str, measure_id: str, fields: EventFields
    ) -> dict[str, Any]:
        return self.measures.add_event(actor, case_id, measure_id, fields)

    def change_event(
        self,
        actor: Actor,
        case_id: str,
        measure_id: str,
        event_id: str,
        version: int,
        fields: EventFields,
    ) -> dict[str, Any]:
        """Change an event if it is still at ``version`` (else ``ConflictError``, 409)."""
        return self.measures.change_event(actor, case_id, measure_id, event_id, version, fields)

    def deadlines(
        self, actor: Actor, case_id: str, measure_id: str, today: date
    ) -> list[dict[str, Any]]:
        rows = self.measures.reminders(actor, case_id, measure_id)
        return [deadline_view(r, today, self.rules) for r in rows]

    def mark(
        self,
        actor: Actor,
        case_id: str,
        measure_id: str,
        reminder_id: str,
        done: bool,
        today: date,
    ) -> dict[str, Any]:
        row = self.measures.mark_reminder(actor, case_id, measure_id, reminder_id, done)
        return deadline_view(row, today, self.rules)

    def due(
        self,
        actor: Actor,
        today: date,
        *,
        case_id: str | None = None,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """The organisation's due list on ``today``: overdue, this week, this month; only one
        case's (``case_id``) or one kind's (a rule id, or ``case_reminder``) if given.
        ``cases`` and ``kinds`` name what the whole list holds, to choose a filter from."""
        until = date.fromordinal(today.toordinal() + DUE_WINDOW_DAYS)
        listed: list[dict[str, Any]] = []
        for item in self.measures.open_reminders(actor, until):
            view = deadline_view(item, today, self.rules) | {
                "case_reference": item["case_reference"],
                "measure_kind": item["measure_kind"],
                "supervisor_is_organisation_staff": item["organisation_staff_supervisor"],
            }
            listed.append(view)
        for typed in self.measures.open_case_reminders(actor, until):
            listed.append(case_reminder_view(typed, today))
        listed = [i for i in listed if bucket(status(i["due_on"], today)) is not None]
        chosen = [
            i for i in listed if case_id in (None, i["case_id"]) and kind in (None, _kind_of(i))
        ]
        groups: dict[str, list[dict[str, Any]]] = {b.value: [] for b in Bucket}
        for item in sorted(chosen, key=lambda i: (i["due_on"], i["id"])):
            group = bucket(status(item["due_on"], today))
            assert group is not None, "items outside the windows were left out above"
            groups[group.value].append(item)
        conflict = any(
            i.get("supervisor_is_organisation_staff") and i.get("party") == Party.supervisor.value
            for i in chosen
        )
        notice = self.rules.notice(CONFLICT_NOTICE)
        notices = []
        if conflict and notice is not None:
            notices.append(
                {
                    "id": notice.id,
                    "text": notice.text.model_dump(),
                    "citation": citation_view(notice.citation),
                }
            )
        return {
            "today": today,
            **groups,
            "notices": notices,
            "disclaimer": self.rules.disclaimer.model_dump(),
            "filter": {"case_id": case_id, "kind": kind},
            "cases": _cases_of(listed),
            "kinds": _kinds_of(listed, self.rules),
        }

    def calendar(self, actor: Actor, *, lang: Lang, personal_titles: bool) -> bytes:
        """The organisation's open reminders as an iCalendar feed (no personal data in titles
        unless ``personal_titles``)."""
        items = self.measures.open_reminders(actor)
        typed = self.measures.open_case_reminders(actor)
        return ical.feed(items, typed, lang=lang, personal_titles=personal_titles, rules=self.rules)


CASE_REMINDER = "case_reminder"


def _kind_of(item: dict[str, Any]) -> str:
    """The kind a due list is filtered by: the rule's id, or ``case_reminder``."""
    return str(item["rule"] or CASE_REMINDER)


def _cases_of(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The cases with something due, by reference."""
    found = {i["case_id"]: i["case_reference"] for i in items}
    return [{"id": k, "reference": v} for k, v in sorted(found.items(), key=lambda kv: kv[1])]


def _kinds_of(items: list[dict[str, Any]], rules: RuleSet) -> list[dict[str, Any]]:
    """The kinds with something due, in the rules file's order, typed reminders last; each
    with its title in both languages."""
    present = {_kind_of(i) for i in items}
    kinds = [{"kind": r.id, "title": r.title.model_dump()} for r in rules.rules if r.id in present]
    if CASE_REMINDER in present:
        kinds.append({"kind": CASE_REMINDER, "title": dict(TYPED_TITLE)})
    return kinds


SYSTEM_USER = "cli:reminders"


def organisation_actors(db: Database, name: str | None = None) -> list[tuple[str, Actor]]:
    """The organisations (one by ``name``, or all) with an actor that may read their
    reminders: the command line acting as itself, recorded so in the audit trail."""
    with db.reading() as s:
        query = select(Organisation).order_by(Organisation.name)
        if name is not None:
            query = query.where(Organisation.name == name)
        found = [(o.name, o.id) for o in s.scalars(query)]
    if name is not None and not found:
        raise NotFoundError("organisation")
    return [
        (org_name, Actor(SYSTEM_USER, SYSTEM_USER, org_id, UserRole.read_only))
        for org_name, org_id in found
    ]
