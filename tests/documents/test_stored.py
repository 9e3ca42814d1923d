"""A stored assessment read back for a document is the assessment that was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.documents.pdf_tools import AS_OF, EXAMPLES
from zairyu.documents.build import assessed
from zairyu.documents.stored import UnreadableAssessment, assessment_from_dict


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_stored_assessment_reads_back_as_the_same_assessment(example: Path) -> None:
    _, assessment = assessed(example.read_text(encoding="utf-8"), str(example), AS_OF)
    assert assessment_from_dict(assessment.to_dict()) == assessment


def test_a_stored_form_this_version_cannot_read_is_refused_with_a_message() -> None:
    with pytest.raises(UnreadableAssessment, match="cannot be read back"):
        assessment_from_dict({"household_id": "h", "as_of": "2024-06-10"})
