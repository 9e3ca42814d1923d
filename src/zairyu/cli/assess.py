"""`zairyu assess` and `zairyu schema`: assess one household; export the household JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import OUT_FOLDER, TODAY, AsOf, app, as_of_day, fail, writable
from zairyu.cli.choices import LANGS, metavar, one_of

FORMATS = ("text", "json")


def read_input(path: str) -> str:
    """The household JSON text: UTF-8, with or without a byte order mark (BOM) as Windows
    Notepad and Excel write it; other encodings are refused with how to re-save the file."""
    if path == "-":
        return sys.stdin.read().removeprefix("\ufeff")
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise fail(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise fail(
            f"{path}: byte {error.start + 1:,} is not UTF-8; a household file is UTF-8 text: "
            "save it again choosing the encoding UTF-8"
        ) from None
    except OSError as error:
        raise fail(f"{path}: cannot read: {error.strerror or error}") from None


@app.command("assess")
def assess_command(
    household: Annotated[str, typer.Argument(help="Household JSON file, or - for standard input.")],
    as_of: AsOf = TODAY,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of the text form: ja or en.",
            parser=one_of("--lang", *LANGS),
            metavar=metavar(*LANGS),
        ),
    ] = "en",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="Output: text (for people) or json (for programs).",
            parser=one_of("--format", *FORMATS),
            metavar=metavar(*FORMATS),
        ),
    ] = "text",
    policy: Annotated[
        list[str] | None,
        typer.Option("--policy", help="Assess under this policy only (repeatable)."),
    ] = None,
    counterfactuals: Annotated[
        bool, typer.Option(help="Search for changes that would improve outcomes.")
    ] = True,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail", help="In the text form, every condition with its source and facts."
        ),
    ] = False,
) -> None:
    """Assess a household under every policy in force: outcomes, reasons, missing facts.

    Per person: the outcome under each policy, why (every condition with its citation), the
    facts still missing and what would change the result.

    The result is an assessment, never a decision: the Minister of Justice decides.
    Exit codes: 0 assessed, 2 invalid input (the message names the person and the field).
    """
    # Imported here, not at the top, so that other commands (batch) start without them.
    from zairyu.report.explanation import render_text
    from zairyu.report.view import display_names
    from zairyu.services.assessing import assess_document
    from zairyu.services.errors import REFUSALS

    on = as_of_day(as_of)
    text = read_input(household)
    try:
        assessed, result = assess_document(
            text, on, policy, counterfactuals=counterfactuals, source=household
        )
    except REFUSALS as error:
        raise fail(str(error)) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        names = display_names(assessed)  # shown to the reader, never logged
        typer.echo(render_text(result, lang, detail=detail, names=names), nl=False)


@app.command("schema")
def schema_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=f"Write to this file instead of standard output. {OUT_FOLDER}",
            callback=writable,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the household format."""
    from zairyu.model.household import Household

    text = json.dumps(Household.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise fail(f"--out: cannot write {out}: {error.strerror or error}") from None
    typer.echo(f"wrote {out}")
