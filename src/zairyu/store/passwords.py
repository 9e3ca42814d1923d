"""Which passwords are too weak to accept, in words a user understands.

At least 12 characters, not only spaces, not the username (nor containing it), not one
character repeated, and not on the short list of common long passwords shipped with zairyu
(``data/common-passwords.txt``, compared ignoring case and spaces).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

MIN_LENGTH = 12


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("zairyu.store").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(
        _folded(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def weakness(password: str, username: str) -> str | None:
    """Why the password is refused, or None if it may be used."""
    if len(password) < MIN_LENGTH:
        return f"must have at least {MIN_LENGTH} characters"
    if not password.strip():
        return "may not be only spaces"
    folded = _folded(password)
    if username and _folded(username) in folded:
        return "may not contain the username"
    if len(set(folded)) <= 2:
        return "may not be one or two characters repeated"
    if folded in common_passwords():
        return "is one of the most common passwords"
    return None
