"""Every example household renders as memo, checklist and application sheet, in both
languages, with its people named and no raw code on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.documents.pdf_tools import AS_OF, EXAMPLES, needs_poppler, pdf_text, raw_codes
from zairyu.documents.build import assessed, checklist, memo, sheet
from zairyu.documents.words import Words

CODES = raw_codes()


@needs_poppler
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_all_three_documents(example: Path, lang: str) -> None:
    household, assessment = assessed(example.read_text(encoding="utf-8"), str(example), AS_OF)
    for make in (memo, checklist, sheet):
        pdf = make(household, assessment, Words(lang)).pdf()  # type: ignore[arg-type]
        assert pdf.startswith(b"%PDF-")
        text = pdf_text(pdf)
        assert household.id in text, make.__name__
        assert all(member.id in text for member in household.members), make.__name__
        leaked = [c for c in CODES if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
        assert leaked == [], (make.__name__, leaked)
