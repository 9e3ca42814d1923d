"""Problems about a household, with any value that was sent taken out of their messages.

The household checks (``zairyu.model.problems``) may quote a value in their message ("2030-01-01
is before the date of birth 1985-04-02"); an answer must not carry a submitted value back (it
ends up in browser histories, proxies and bug reports). Each string or number of the submitted
household that appears in a message is replaced by "(the value given)".
"""

from __future__ import annotations

from typing import Any

from zairyu.model.problems import Problem

GIVEN = "(the value given)"


def _leaves(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_leaves(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_leaves(v) for v in value)) if value else set()
    if isinstance(value, bool) or value is None:
        return set()
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return {text} if len(text) >= 3 else set()


def redacted(problems: list[Problem], submitted: Any) -> list[dict[str, str]]:
    values = sorted(_leaves(submitted), key=len, reverse=True)
    out = []
    for p in problems:
        message = p.message
        for value in values:
            message = message.replace(value, GIVEN)
        out.append({"path": f"household: {p.where}, {p.field}", "message": message})
    return out
