"""`zairyu export` and `zairyu import`: one organisation's cases as JSON, exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from zairyu.cli.accounts import accounts, refuse
from zairyu.cli.app import OUT_FOLDER, app, fail, writable
from zairyu.store.access import InvalidRequestError, NotFoundError


@app.command("export")
def export(
    org: Annotated[str, typer.Option(help="The organisation's name.")],
    out: Annotated[
        Path | None,
        typer.Option(
            help=f"File to write (default: standard output). {OUT_FOLDER}",
            callback=writable,
        ),
    ] = None,
    with_display_names: Annotated[
        bool,
        typer.Option(
            "--with-display-names",
            help="Include members' display names (left out by default: they identify people).",
        ),
    ] = False,
) -> None:
    """Write every case of one organisation, with all versions and records, as JSON.

    Members' display names are left out unless --with-display-names is given; only an export
    with them is an exact copy.
    """
    store = accounts()
    try:
        org_id = store.org_id(org)
    except NotFoundError:
        raise refuse(f"no organisation {org!r}") from None
    from zairyu.store.transfer import export_cases  # the store loads only when needed

    document = export_cases(store.db, org_id, display_names=with_display_names)
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    if out is None:
        typer.echo(text)
    else:
        out.touch(mode=0o600)
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A file written by zairyu export.")],
    org: Annotated[str, typer.Option(help="The organisation to import into.")],
    fresh_ids: Annotated[
        bool,
        typer.Option(help="Give every case and record a new id (to copy cases within a store)."),
    ] = False,
) -> None:
    """Add the cases of an export to an organisation: all of them, or none on any error.

    The whole file is checked before anything is written; an error names the case and field.
    A file that is not UTF-8, or cut short, is refused with one line (exit code 2).
    """
    from zairyu import clock
    from zairyu.services.transfer import import_cases  # the store loads only when needed

    document = read_export(path)  # a damaged file is refused before the store is opened
    store = accounts()
    try:
        org_id = store.org_id(org)
        count = import_cases(store.db, org_id, document, clock.today(), fresh_ids=fresh_ids)
    except NotFoundError:
        raise refuse(f"no organisation {org!r}") from None
    except InvalidRequestError as error:
        raise refuse(f"{path}: nothing imported: {error}") from None
    typer.echo(f"imported {count} cases into {org!r}")


def read_export(path: Path) -> Any:
    """The decoded JSON of an export file (UTF-8, a byte order mark allowed); a missing,
    unreadable, non-UTF-8 or incomplete file ends the command with one line naming it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise fail(f"{path}: no such file") from None
    except IsADirectoryError:
        raise fail(f"{path}: is a folder; name the file zairyu export wrote") from None
    except UnicodeDecodeError as error:
        raise fail(
            f"{path}: byte {error.start + 1:,} is not UTF-8, and zairyu export writes UTF-8: "
            "the file is damaged or is not an export; export the cases again"
        ) from None
    except OSError as error:
        raise fail(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(
            f"{path}: not a complete export ({error.msg} at line {error.lineno:,}, column "
            f"{error.colno:,}): the file was cut short or changed; export the cases again"
        ) from None
