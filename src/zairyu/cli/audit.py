"""`zairyu audit verify|checkpoint|show`: check, anchor and read the audit trail."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zairyu.cli.app import OUT_FOLDER, app, writable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from zairyu.store.database import Database

audit_app = typer.Typer(
    help="The audit trail of every creation, change, read and refusal.", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")


def _database() -> Database:
    # The store is imported here, not at the top: commands that do not use it start faster.
    from zairyu.cli.db import closed_with_command
    from zairyu.store.audit_key import AuditKeyError
    from zairyu.store.database import Database

    database = closed_with_command(Database())
    try:
        database.audit_key()
    except AuditKeyError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=2) from None
    return database


def _checkpoint_file(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        typer.echo(f"{path}: cannot read the checkpoint ({type(error).__name__})", err=True)
        raise typer.Exit(code=2) from None
    if not isinstance(loaded, dict):
        typer.echo(f"{path}: not a zairyu audit checkpoint", err=True)
        raise typer.Exit(code=2)
    return loaded


@audit_app.command("verify")
def verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="A file written by 'zairyu audit checkpoint': also check against it."),
    ] = None,
) -> None:
    """Check the signed chain and every record against its audited state.

    Exit 1 naming each break: an entry altered, forged, removed or reordered; a record changed,
    added or deleted outside zairyu; with --checkpoint, entries removed or rewritten since.
    """
    from zairyu.store import audit_verify

    anchor = _checkpoint_file(checkpoint) if checkpoint is not None else None
    database = _database()
    with database.reading() as s:
        result = audit_verify.verify(s, anchor)
    for problem in result.problems:
        typer.echo(f"BROKEN: {problem}", err=True)
    if not result.intact:
        raise typer.Exit(code=1)
    against = f", and matches the checkpoint {checkpoint}" if checkpoint else ""
    typer.echo(f"the audit trail is intact ({result.entries} entries){against}")


@audit_app.command("checkpoint")
def checkpoint(
    out: Annotated[
        Path | None,
        typer.Option(
            help=f"File to write (default: standard output). {OUT_FOLDER}",
            callback=writable,
        ),
    ] = None,
) -> None:
    """Print the signed head of an intact trail (entries and hash), to keep somewhere else.

    Keep it where the database's administrators cannot write (another host, paper, e-mail to
    the organisation); 'zairyu audit verify --checkpoint FILE' then catches truncation and
    rewriting since.
    """
    from zairyu.store import audit_verify

    database = _database()
    with database.reading() as s:
        result = audit_verify.verify(s)
        if not result.intact:
            for problem in result.problems:
                typer.echo(f"BROKEN: {problem}", err=True)
            typer.echo("no checkpoint written: the trail does not verify", err=True)
            raise typer.Exit(code=1)
        text = json.dumps(audit_verify.checkpoint(s), indent=1, sort_keys=True)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)


def _instant(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        typer.echo(f"--{name}: expected a date or time such as 2026-12-01T09:00+09:00", err=True)
        raise typer.Exit(code=2) from None
    from zairyu.store.tables import storable_instant

    try:
        return storable_instant(parsed if parsed.tzinfo is not None else parsed.astimezone())
    except (ValueError, OverflowError) as problem:
        typer.echo(f"--{name}: {problem}", err=True)
        raise typer.Exit(code=2) from None


def _org_id(s: Session, name: str) -> str:
    from sqlalchemy import select

    from zairyu.store.tables import Organisation

    org_id = s.scalar(select(Organisation.id).where(Organisation.name == name))
    if org_id is None:
        typer.echo(f"--org: no organisation {name!r}", err=True)
        raise typer.Exit(code=2)
    return org_id


@audit_app.command("show")
def show(
    case: Annotated[str | None, typer.Option(help="Only entries about this case id.")] = None,
    org: Annotated[
        str | None, typer.Option(help="Only entries of this organisation (by name).")
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(help="Only entries by this username (of --org: names are per organisation)."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this time (ISO 8601).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this time (ISO 8601).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="At most this many.")] = 100,
) -> None:
    """List audit entries, newest first: when, who, what, which record, from where."""
    from zairyu.store import audit

    if user is not None and org is None:
        typer.echo("--user needs --org: a username is unique in its organisation only", err=True)
        raise typer.Exit(code=2)
    start, end = _instant(since, "since"), _instant(until, "until")
    database = _database()
    with database.reading() as s:
        org_id = _org_id(s, org) if org is not None else None
        entries = audit.show(
            s, org_id=org_id, case_id=case, actor=user, since=start, until=end, limit=limit
        )
    for e in entries:
        who = e["actor"] or "-"
        what = f"{e['entity']} {e['entity_id'] or ''}".strip()
        case_part = f" case {e['case_id']}" if e["case_id"] and e["entity"] != "case" else ""
        detail = f" ({e['detail']})" if e["detail"] else ""
        typer.echo(
            f"{e['seq']:>7} {e['at'].isoformat(timespec='seconds')} {who} {e['action']} "
            f"{what}{case_part}{detail} from {e['remote'] or '-'}"
        )
    typer.echo(f"{len(entries)} entries", err=True)
