"""Finding a household by a member's display name, as a caseworker types it.

A name is compared after Unicode NFKC normalisation (full-width ｙａｍａｄａ is yamada, half-width
ｶﾅ is カナ), case folding, and without any spaces (山田　花子, 山田 花子 and 山田花子 are one
name). A query matches when it is part of a member's display name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any


def normal_name(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def household_has_name(household: dict[str, Any], query: str) -> bool:
    """Whether ``query`` is part of the display name of some member of ``household``."""
    wanted = normal_name(query)
    if not wanted:
        return False
    return any(wanted in normal_name(name) for name in _names(household.get("members") or ()))


def _names(members: Iterable[Any]) -> Iterable[str]:
    for member in members:
        name = member.get("display_name") if isinstance(member, dict) else None
        if isinstance(name, str):
            yield name
