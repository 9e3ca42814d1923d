"""`zairyu reminders due`: the deadlines due across cases, for a person or a cron job.

Exit status for a monitor: 0 nothing overdue, 1 something overdue, 2 an error (a bad date, an
unknown organisation, a store that cannot be read). zairyu sends nothing anywhere: the command
prints; the cron job decides who reads it.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zairyu.cli.app import app, as_of_day, fail
from zairyu.deadlines.kinds import TYPED_TITLE

if TYPE_CHECKING:
    from zairyu.deadlines.service import MeasureService

reminders_app = typer.Typer(
    help="Deadlines of supervision measures and provisional release, across cases.",
    no_args_is_help=True,
)
app.add_typer(reminders_app, name="reminders")

OVERDUE_EXIT = 1
GROUPS = ("overdue", "this_week", "this_month")
HEADINGS = {
    "en": {"overdue": "OVERDUE", "this_week": "this week", "this_month": "this month"},
    "ja": {"overdue": "期限切れ", "this_week": "今週", "this_month": "今月"},
}


class Format(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    ja = "ja"
    en = "en"


@reminders_app.command("due")
def due(
    today: Annotated[
        str, typer.Option("--today", help="The day: YYYY-MM-DD, or 'today' (resolved at run time).")
    ] = "today",
    org: Annotated[
        str | None, typer.Option("--org", help="One organisation by name (default: every one).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of rule titles.")] = Lang.ja,
    references: Annotated[
        bool,
        typer.Option(
            help="Show case references and typed reminders' words instead of ids (may be personal)."
        ),
    ] = False,
) -> None:
    """List what is overdue, due this week and due this month, per organisation.

    Exit 0 when nothing is overdue, 1 when something is, 2 on an error; a cron job can mail the
    output or a monitor can read the status. Case ids, not references, are printed unless
    --references is given; no names ever. Where an organisation's staff are the supervisor, the
    known conflict with confidentiality is printed (not legal advice).
    """
    day = as_of_day(today, "--today")
    reports = _reports(day, org)
    if fmt is Format.json:
        shown = reports if references else [_without_references(r) for r in reports]
        typer.echo(json.dumps({"today": day.isoformat(), "organisations": shown}, default=str))
    else:
        for report in reports:
            _print_text(report, lang.value, references)
    if any(r["due"]["overdue"] for r in reports):
        raise typer.Exit(code=OVERDUE_EXIT)


def _reports(day: Any, org: str | None) -> list[dict[str, Any]]:
    from sqlalchemy.exc import SQLAlchemyError

    from zairyu.cli.db import closed_with_command
    from zairyu.store.access import NotFoundError
    from zairyu.store.database import Database

    try:
        database = closed_with_command(Database())
        database.upgrade()
        service = _service(database)
        from zairyu.deadlines.service import organisation_actors

        return [
            {"organisation": name, "due": service.due(actor, day)}
            for name, actor in organisation_actors(database, org)
        ]
    except NotFoundError:
        raise fail(f"--org: no organisation named {org!r}") from None
    except SQLAlchemyError as error:
        raise fail(f"the store cannot be read ({type(error).__name__})") from None


def _without_references(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what may name a family: case references, and the words a person
    typed into a case's reminders (shown as "a reminder typed in on a case")."""
    due = dict(report["due"])
    for group in GROUPS:
        items = []
        for listed in due[group]:
            item = {k: v for k, v in listed.items() if k != "case_reference"}
            if item.get("source") == "case_reminder":
                item["title"] = dict(TYPED_TITLE)
                item.pop("note", None)
            items.append(item)
        due[group] = items
    due["cases"] = [{"id": c["id"]} for c in due.get("cases", [])]
    return {**report, "due": due}


def _service(database: Any) -> MeasureService:
    from zairyu.deadlines.service import MeasureService
    from zairyu.store.measures import Measures

    return MeasureService(Measures(database))


def _print_text(report: dict[str, Any], lang: str, references: bool) -> None:
    due = report["due"]
    counts = ", ".join(f"{len(due[g])} {HEADINGS['en'][g].lower()}" for g in GROUPS)
    typer.echo(f"{report['organisation']} on {due['today'].isoformat()}: {counts}")
    for group in GROUPS:
        for item in due[group]:
            case = item["case_reference"] if references else item["case_id"]
            title = (item.get("title") or {}).get(lang, item["rule"])
            if item.get("source") == "case_reminder" and not references:
                title = TYPED_TITLE[lang]  # words a person typed: may be personal
            moved_from = item.get("moved_from")
            moved = f" (moved from {moved_from.isoformat()})" if moved_from else ""
            typer.echo(
                f"  {HEADINGS[lang][group]:<10} {item['due_on'].isoformat()}  case {case}  "
                f"{title}{moved}"
            )
    for notice in due["notices"]:
        typer.echo(f"  NOTE: {notice['text'][lang].strip()}")
