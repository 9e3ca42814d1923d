"""`zairyu memo`, `zairyu checklist`, `zairyu sheet`: the printable documents of a household.

Each reads a household JSON file, assesses it as of a date and writes a tagged PDF (or, with
``--html``, the HTML it is typeset from).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.cli.app import OUT_FOLDER, TODAY, AsOf, app, as_of_day, fail, writable
from zairyu.cli.assess import read_input

if TYPE_CHECKING:
    from zairyu.documents.build import Document


class Lang(StrEnum):
    ja = "ja"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the document: ja or en.")]
Out = Annotated[
    Path,
    typer.Option(
        "--out",
        help=f"The file to write (PDF, or HTML with --html). {OUT_FOLDER}",
        callback=writable,
    ),
]
Era = Annotated[
    bool, typer.Option("--era", help="Japanese dates in the Japanese era (令和6年6月10日).")
]
Html = Annotated[bool, typer.Option("--html", help="Write the HTML instead of the PDF.")]
HouseholdArg = Annotated[str, typer.Argument(help="Household JSON file, or - for standard input.")]


def _write(
    household: str,
    as_of: str,
    lang: Lang,
    era: bool,
    out: Path,
    html: bool,
    make: Callable[..., Document],
) -> None:
    # Imported here, so that other commands start without WeasyPrint and the engine.
    from zairyu.documents.build import assessed
    from zairyu.documents.words import Words
    from zairyu.services.errors import REFUSALS

    on = as_of_day(as_of)
    text = read_input(household)
    try:
        parsed, result = assessed(text, household, on)
    except REFUSALS as error:
        raise fail(str(error)) from None
    document = make(parsed, result, Words(lang.value, era=era))
    if html:
        out.write_text(document.html(), encoding="utf-8")
    else:
        out.write_bytes(document.pdf())
    typer.echo(f"wrote {out}")


@app.command("memo")
def memo_command(
    household: HouseholdArg,
    out: Out,
    lang: LangOption = Lang.ja,
    as_of: AsOf = TODAY,
    era: Era = False,
    html: Html = False,
) -> None:
    """Write the assessment memo of a household as a PDF, in Japanese or English.

    The household, the date assessed, the policies in force, the outcome per person, what to
    gather next, every condition with its citation and zairyu's readings, what would change
    the outcome, and the disclaimer: the Minister of Justice decides.
    Exit codes: 0 written, 2 invalid input (the message names the person and the field).
    """
    from zairyu.documents.build import memo

    _write(household, as_of, lang, era, out, html, memo)


@app.command("checklist")
def checklist_command(
    household: HouseholdArg,
    out: Out,
    lang: LangOption = Lang.ja,
    as_of: AsOf = TODAY,
    era: Era = False,
    html: Html = False,
) -> None:
    """Write the evidence checklist of a household as a PDF, in Japanese or English.

    Per person, the documents for the facts that matter to the results: those that would
    settle a fact still unknown and those that prove a favourable fact already recorded, each
    with its issuer, whether a translation is needed, and its source.
    Exit codes: 0 written, 2 invalid input (the message names the person and the field).
    """
    from zairyu.documents.build import checklist

    _write(household, as_of, lang, era, out, html, checklist)


@app.command("sheet")
def sheet_command(
    household: HouseholdArg,
    out: Out,
    lang: LangOption = Lang.ja,
    as_of: AsOf = TODAY,
    era: Era = False,
    html: Html = False,
) -> None:
    """Write the per-person application sheets of a household as a PDF (one page per person).

    Since 10 June 2024 each person applies with their own application. Per person, the data
    the application needs from what the case holds, with what is missing marked. The official
    form's fields could not be read: the sheet follows the ISA application page, not the form.
    Exit codes: 0 written, 2 invalid input (the message names the person and the field).
    """
    from zairyu.documents.build import sheet

    _write(household, as_of, lang, era, out, html, sheet)
