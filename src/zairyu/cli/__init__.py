"""The command line: one sub-command per job, each in its own module.

Each module registers its commands on ``zairyu.cli.app.app`` when imported; add one import
line below for a new module.
"""

from __future__ import annotations

from zairyu.cli import accounts as accounts  # noqa: F401
from zairyu.cli import assess as assess  # noqa: F401
from zairyu.cli import audit as audit  # noqa: F401
from zairyu.cli import db as db  # noqa: F401
from zairyu.cli import explain as explain  # noqa: F401
from zairyu.cli import policies as policies  # noqa: F401
from zairyu.cli import serve as serve  # noqa: F401
from zairyu.cli import transfer as transfer  # noqa: F401
from zairyu.cli.app import app


def main() -> None:
    """Entry point of the ``zairyu`` console script."""
    app()
