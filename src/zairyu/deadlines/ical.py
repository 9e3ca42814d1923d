"""The iCalendar feed of an organisation's open reminders (RFC 5545, with ``icalendar``).

An event's title is the rule's title only; the case's reference is added only for a feed whose
user opted in. No names, contacts or notes ever appear. Each event carries an alarm the day
before. The feed depends on the stored reminders only, not on the day it is read.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from zairyu.deadlines.kinds import TYPED_TITLE
from zairyu.deadlines.schema import RuleSet
from zairyu.i18n import Lang

CALENDAR_NAME = {"ja": "zairyu 期限", "en": "zairyu deadlines"}


def feed(
    items: list[dict[str, Any]],
    typed: list[dict[str, Any]],
    *,
    lang: Lang,
    personal_titles: bool,
    rules: RuleSet,
) -> bytes:
    """``items``: computed reminders; ``typed``: reminders people typed in on cases, whose
    words may be personal and so appear only in a feed that opted in."""
    calendar = Calendar()
    calendar.add("prodid", "-//zairyu//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME[lang])
    for item in items:
        calendar.add_component(_event(item, lang, personal_titles, rules))
    for reminder in typed:
        calendar.add_component(_typed_event(reminder, lang, personal_titles))
    data: bytes = calendar.to_ical()
    return data


def _typed_event(reminder: dict[str, Any], lang: Lang, personal_titles: bool) -> Event:
    title = TYPED_TITLE[lang]
    if personal_titles:
        title = f"{reminder['title']} — {reminder['case_reference']}"
    event = _day_event(f"{reminder['id']}@zairyu", reminder, title)
    event.add("description", title)
    return event


def _day_event(uid: str, item: dict[str, Any], title: str) -> Event:
    """An all-day event on ``item['due_on']`` with an alarm the day before."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", item["created_at"])
    event.add("dtstart", item["due_on"])
    event.add("dtend", item["due_on"] + timedelta(days=1))
    event.add("summary", title)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", title)
    event.add_component(alarm)
    return event


def _event(item: dict[str, Any], lang: Lang, personal_titles: bool, rules: RuleSet) -> Event:
    rule = rules.rule(item["rule_id"])
    title = rule.title.get(lang) if rule else item["rule_id"]
    if personal_titles:
        title = f"{title} — {item['case_reference']}"
    lines = [rule.text.get(lang)] if rule else []
    if rule:
        lines.append(f"{rule.citation.pinpoint} ({rule.citation.status.value})")
    lines.append(rules.disclaimer.get(lang))
    event = _day_event(f"{item['id']}@zairyu", item | {"created_at": item["updated_at"]}, title)
    event.add("description", "\n\n".join(lines))
    return event
