"""The memo as a reader gets it: the text of the PDF, its fonts, its tags, its margins."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.documents.pdf_tools import AS_OF, needs_poppler, pdf_fonts, pdf_text, raw_codes
from zairyu.documents.build import assessed, memo
from zairyu.documents.view import sources
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.model.household import Household

FAMILY = Path(__file__).parents[2] / "examples" / "01-covered-family.json"
RECORD_ID = "3f2a9c41-0000-4000-8000-000000000000"

pytestmark = needs_poppler


def flat(text: str) -> str:
    """Text without any white space: PDF text wraps lines where the layout did."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def family() -> tuple[Household, HouseholdAssessment]:
    return assessed(FAMILY.read_text(encoding="utf-8"), str(FAMILY), AS_OF)


@pytest.fixture(scope="module")
def pdfs(family: tuple[Household, HouseholdAssessment]) -> dict[str, bytes]:
    household, assessment = family
    return {
        lang: memo(household, assessment, Words(lang), record_id=RECORD_ID).pdf()  # type: ignore[arg-type]
        for lang in ("ja", "en")
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_memo_names_every_person_with_their_outcome_and_the_disclaimer(
    family: tuple[Household, HouseholdAssessment], pdfs: dict[str, bytes], lang: str
) -> None:
    _, assessment = family
    text = flat(pdf_text(pdfs[lang]))
    for policy in assessment.policies:
        assert flat(policy.disclaimer[lang]) in text
        assert flat(policy.title[lang]) in text
        for person in policy.persons:
            assert person.person_id in text
            assert flat(person.outcome_text[lang]) in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_memo_cites_the_sources_of_the_conditions_in_its_language(
    family: tuple[Household, HouseholdAssessment], pdfs: dict[str, bytes], lang: str
) -> None:
    _, assessment = family
    text = flat(pdf_text(pdfs[lang]))
    cited = {c.citation["source"] for p in assessment.policies for c in p.persons[0].conditions}
    for sid in cited:
        assert flat(getattr(sources()[sid].title, lang)) in text


def test_the_japanese_and_english_memos_are_each_in_their_own_language(
    pdfs: dict[str, bytes],
) -> None:
    ja, en = pdf_text(pdfs["ja"]), pdf_text(pdfs["en"])
    assert "在留特別許可の見通し（評価）" in ja and "Special permission to stay" not in ja
    assert "Special permission to stay: assessment" in en and "見通し" not in en
    assert "法務大臣が判断します" in flat(ja)
    assert "the Minister of Justice decides" in en.replace("\n", " ")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_raw_code_reaches_the_memo(pdfs: dict[str, bytes], lang: str) -> None:
    text = pdf_text(pdfs[lang])
    found = [c for c in raw_codes() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]
    assert found == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_font_is_embedded_and_of_the_noto_cjk_jp_family(
    pdfs: dict[str, bytes], lang: str
) -> None:
    fonts = pdf_fonts(pdfs[lang])
    assert fonts
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert all("CJK-JP" in f["name"] for f in fonts), [f["name"] for f in fonts]


def test_the_memo_is_a_tagged_pdf(pdfs: dict[str, bytes]) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdfs["ja"])
        handle.flush()
        info = subprocess.run(
            ["pdfinfo", handle.name], capture_output=True, text=True, check=True
        ).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)


def test_every_page_carries_its_number_the_versions_and_the_stored_assessments_short_id(
    pdfs: dict[str, bytes],
) -> None:
    pages = pdf_text(pdfs["en"]).split("\f")[:-1]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page
        assert "Stored assessment 3f2a9c41" in page
        assert "zairyu 0.1.0" in page and "children-2023 v" in page
        assert "10 June 2024" in page


def test_an_assessment_not_stored_is_tied_to_its_content_by_a_digest(
    family: tuple[Household, HouseholdAssessment],
) -> None:
    household, assessment = family
    html = memo(household, assessment, Words("ja")).html()
    assert re.search(r"未保存・内容ダイジェスト [0-9a-f]{8}", html)


def test_japanese_dates_can_be_written_in_the_japanese_era(
    family: tuple[Household, HouseholdAssessment],
) -> None:
    household, assessment = family
    assert "令和6年6月10日" in memo(household, assessment, Words("ja", era=True)).html()
    assert "2024年6月10日" in memo(household, assessment, Words("ja")).html()
    assert "10 June 2024" in memo(household, assessment, Words("en", era=True)).html()


def test_japanese_text_in_the_english_memo_is_marked_as_japanese(
    family: tuple[Household, HouseholdAssessment],
) -> None:
    household, assessment = family
    html = memo(household, assessment, Words("en")).html()
    assert '<html lang="en">' in html
    assert re.search(r'<span lang="ja">[^<]*第50条', html)
    assert '<html lang="ja">' in memo(household, assessment, Words("ja")).html()
