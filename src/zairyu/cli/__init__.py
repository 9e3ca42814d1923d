"""The command line: one sub-command per job, each in its own module.

Each module registers its commands on ``zairyu.cli.app.app`` when imported; add one import
line below for a new module.
"""

from __future__ import annotations

import sys

from zairyu.cli import accounts as accounts
from zairyu.cli import assess as assess
from zairyu.cli import audit as audit
from zairyu.cli import batch as batch
from zairyu.cli import check as check
from zairyu.cli import compare as compare
from zairyu.cli import db as db
from zairyu.cli import demo as demo
from zairyu.cli import documents as documents
from zairyu.cli import explain as explain
from zairyu.cli import policies as policies
from zairyu.cli import policy_show as policy_show
from zairyu.cli import reference as reference
from zairyu.cli import reminders as reminders
from zairyu.cli import serve as serve
from zairyu.cli import sql as sql
from zairyu.cli import stats as stats
from zairyu.cli import synth as synth
from zairyu.cli import transfer as transfer
from zairyu.cli.app import app


def main() -> None:
    """Entry point of the ``zairyu`` console script.

    A file that cannot be read or written ends the command with a message and exit code 2,
    never a traceback.
    """
    try:
        app()
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        sys.stderr.write(f"zairyu: cannot use{where}: {error.strerror or error}\n")
        raise SystemExit(2) from None
