"""The command line: one sub-command per job, each in its own module.

Each module registers its commands on ``zairyu.cli.app.app`` when imported; add one import
line below for a new module.
"""

from __future__ import annotations

from zairyu.cli import assess as assess  # noqa: F401
from zairyu.cli import batch as batch  # noqa: F401
from zairyu.cli import compare as compare  # noqa: F401
from zairyu.cli import sql as sql  # noqa: F401
from zairyu.cli import stats as stats  # noqa: F401
from zairyu.cli import synth as synth  # noqa: F401
from zairyu.cli.app import app


def main() -> None:
    """Entry point of the ``zairyu`` console script."""
    app()
