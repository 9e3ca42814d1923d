"""The one place zairyu reads the clock.

No rule, default or generated file depends on the day it runs: a command that has no date
given resolves "today" here, once, at run time, and passes the date down. Help texts and docs
show the word ``today``, never a date.
"""

from __future__ import annotations

from datetime import date

TODAY = "today"


def today() -> date:
    """Today's date on this machine: called once per command or request, never at import."""
    return date.today()


def resolve_day(value: str | None) -> date:
    """``today`` (or nothing) -> today's date; ``YYYY-MM-DD`` -> that date.

    Raises ``ValueError`` with a sentence a person can act on.
    """
    if value is None or value.strip().lower() == TODAY:
        return today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a date (write YYYY-MM-DD, or 'today')") from None
