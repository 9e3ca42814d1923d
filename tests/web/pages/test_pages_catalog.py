"""Every word of the pages has its Japanese in the catalog; dates are written as each language
writes them."""

from __future__ import annotations

import re
from pathlib import Path

from zairyu.i18n import gettext, translations
from zairyu.web.pages.rendering import PAGE_MESSAGES, VOCABULARY, words

TEMPLATES = Path(__file__).parents[3] / "src" / "zairyu" / "web" / "templates"
CALL = re.compile(r"""\bt\(\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")


def template_messages() -> set[str]:
    found = set()
    for path in TEMPLATES.glob("*.html"):
        for match in CALL.finditer(path.read_text()):
            found.add(match.group(1) if match.group(1) is not None else match.group(2))
    return found


def test_every_message_of_the_pages_is_translated_into_japanese():
    messages = template_messages() | set(PAGE_MESSAGES) | set(VOCABULARY)
    assert len(messages) > 100
    missing = sorted(m for m in messages if gettext("ja", "web", m) == m)
    assert missing == []


def test_the_catalog_has_no_entry_the_pages_do_not_use():
    used = template_messages() | set(PAGE_MESSAGES) | set(VOCABULARY)
    catalog = set(translations("ja", "web")._catalog)  # type: ignore[attr-defined]
    assert sorted(catalog - used - {""}) == []


def test_placeholders_survive_translation():
    t = words("ja")["t"]
    assert t("Cases found: {n}", n=3) == "3件"


def test_dates_are_written_as_each_language_writes_them():
    assert words("ja")["day"]("2024-06-10") == "2024年6月10日"
    assert words("en")["day"]("2024-06-10") == "10 June 2024"


def test_the_sentences_of_a_refused_answer_are_in_the_catalog():
    from zairyu.web.pages.interview_forms import MESSAGES  # noqa: PLC0415

    assert set(MESSAGES) <= set(PAGE_MESSAGES)
