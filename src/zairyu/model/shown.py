"""How a value from the input is shown in a message: short, and with nothing hidden.

A message echoes the value it refuses, so that the caseworker can find it. Input is untrusted:
an id of 100,000 characters must not fill the screen, and a control character (a newline, an
escape sequence) or a bidirectional override (U+202E turns the rest of a line around) must not
change what the message appears to say. So a value is cut to ``LIMIT`` characters, with its
length said, and every character that is not visible text is written as an escape: ``\\n``,
``\\t``, ``\\r`` or ``\\uXXXX`` (``\\U0001XXXX`` beyond the first plane). A backslash is doubled,
so an escape in the message always means a character in the value. Letters of every script
(山田家) are shown as they are.
"""

from __future__ import annotations

import json

LIMIT = 60
NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\"}


def escaped(text: str) -> str:
    """``text`` with every invisible or direction-changing character written as an escape."""
    return "".join(_escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in NAMED:
        return NAMED[ch]
    if ch.isprintable():  # False for controls, format characters (the bidi overrides),
        return ch  # separators other than the space, private use and unassigned code points
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def cut(text: str, limit: int = LIMIT) -> str:
    """``text`` escaped and cut to ``limit`` characters, unquoted (a cell of an error file):
    ``abc``, ``aaaa… (100000 characters)``."""
    if len(text) <= limit:
        return escaped(text)
    return f"{escaped(text[:limit])}… ({len(text):,} characters)"


def shown(text: str, limit: int = LIMIT) -> str:
    """``text`` quoted for a message, escaped, cut to ``limit`` characters with its length
    said: ``'abc'``, ``'aaaa…' (100000 characters)``."""
    if len(text) <= limit:
        return f"'{escaped(text)}'"
    return f"'{escaped(text[:limit])}…' ({len(text):,} characters)"


def shown_json(value: object, limit: int = LIMIT) -> str:
    """A decoded JSON value for a message: a string as ``shown`` gives it, anything else
    (a number, true, a list) as JSON text, cut the same way."""
    if isinstance(value, str):
        return shown(value, limit)
    return cut(json.dumps(value, ensure_ascii=False, default=str), limit)
