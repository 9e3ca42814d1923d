"""The documents' own words: every message has its Japanese translation; the result levels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from zairyu.documents import checklist, sheet, words
from zairyu.documents.view import levels
from zairyu.documents.words import Words
from zairyu.i18n import LOCALE_DIR

PACKAGE = Path(words.__file__).parent
CALL = re.compile(r"""\b(?:w|words|self)\.t\(\s*((?:"[^"]*"\s*)+)\)""")


def _messages() -> set[str]:
    found: set[str] = set()
    sources = [*PACKAGE.glob("templates/*.html"), *PACKAGE.glob("*.py")]
    for path in sources:
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            found.add("".join(re.findall(r'"([^"]*)"', match.group(1))))
    found |= set(words.STATUS_NAMES.values()) | set(checklist.TRANSLATION.values())
    found |= {title for title, _ in sheet.SECTIONS}
    return found


def test_every_message_of_the_documents_has_a_japanese_translation() -> None:
    with (LOCALE_DIR / "ja" / "LC_MESSAGES" / "documents.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and m.string}
    messages = _messages()
    assert len(messages) > 40
    assert sorted(messages - translated) == []


@dataclass
class _Assumption:
    text: dict[str, str]
    verify_first: bool


@dataclass
class _Presumptive:
    outcome: str
    outcome_text: dict[str, str]
    assumptions: list[_Assumption] = field(default_factory=list)


@dataclass
class _Person:
    outcome: str
    outcome_text: dict[str, str]
    presumptive: _Presumptive | None = None


def test_a_person_with_one_level_shows_the_strict_result_unlabelled() -> None:
    person = _Person("undetermined", {"ja": "判断できない", "en": "Cannot be assessed"})
    (only,) = levels(person, Words("en"))  # type: ignore[arg-type]
    assert only.label is None and not only.settled


def test_a_presumptive_level_is_shown_beside_the_strict_one_with_its_assumptions() -> None:
    presumptive = _Presumptive(
        "covered",
        {"ja": "本方針の対象", "en": "Covered"},
        [_Assumption({"ja": "前科なし", "en": "No conviction"}, verify_first=True)],
    )
    person = _Person("undetermined", {"ja": "判断できない", "en": "x"}, presumptive)
    strict, presumed = levels(person, Words("ja"))  # type: ignore[arg-type]
    assert strict.label == "厳格" and not strict.settled
    assert presumed.label == "記録にない不利な事情がないと仮定した場合"  # the report's words
    assert presumed.outcome == "本方針の対象" and presumed.settled
    assert presumed.assumptions == ["前科なし"]  # shown under the report's "verify first" head
