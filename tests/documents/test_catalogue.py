"""The evidence catalogue: reviewable data whose every fact and source exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from zairyu.evidence.catalogue import CATALOGUE_FILE, CatalogueError, load_catalogue
from zairyu.model.columns import COLUMNS
from zairyu.policies.loader import load_sources


def test_every_fact_the_catalogue_names_is_a_column_of_the_person_table() -> None:
    catalogue = load_catalogue()
    assert {c for d in catalogue.documents for c in d.proves} <= set(COLUMNS)


def test_every_document_cites_a_source_of_the_registry() -> None:
    sources = load_sources()
    assert all(d.source in sources for d in load_catalogue().documents)


def test_documents_marked_confirmed_come_from_the_isa_application_page() -> None:
    confirmed = [d for d in load_catalogue().documents if d.status.value == "CONFIRMED"]
    assert confirmed and {d.source for d in confirmed} == {"isa-application-procedure"}


def test_practitioners_lists_are_marked_secondary() -> None:
    listed = [d for d in load_catalogue().documents if d.source == "practitioners-evidence-lists"]
    assert listed and all(d.status.value == "SECONDARY" for d in listed)


def test_zairyus_own_suggestions_are_marked_inferred() -> None:
    own = [d for d in load_catalogue().documents if d.source == "zairyu-reading"]
    assert own and all(d.status.value == "INFERRED" for d in own)


@pytest.mark.parametrize(
    ("column", "document"),
    [
        ("born_in_japan", "出生届受理証明書"),
        ("school_ongoing", "在学証明書"),
        ("spouse_kind", "戸籍謄本（日本人配偶者・日本人の親の戸籍）"),
        ("cohabiting_with_spouse_since", "住民票の写し（日本人配偶者等の世帯）"),
        ("community_ties", "課税証明書・納税証明書"),
        ("community_ties", "在職証明書"),
        (
            "external_guardian_available",
            "監護者の書面（児童養護施設等の受入れに関する書面又は親族の申述書）",
        ),
    ],
)
def test_the_catalogue_names_the_documents_that_prove_a_fact(column: str, document: str) -> None:
    assert document in [d.name.ja for d in load_catalogue().proving(column)]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = """documents:
  - id: x
    name: {ja: 書類, en: Paper}
    issuer: {ja: 役所, en: Office}
    translation: never
    proves: [PROVES]
    source: SOURCE
    status: SECONDARY
"""


def test_a_fact_that_is_not_a_column_is_refused_naming_the_document(tmp_path: Path) -> None:
    path = _write(
        tmp_path, ENTRY.replace("PROVES", "born_in_japn").replace("SOURCE", "zairyu-reading")
    )
    with pytest.raises(CatalogueError, match=r"document 'x', proves: .*born_in_japn"):
        load_catalogue(path)


def test_a_source_missing_from_the_registry_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, ENTRY.replace("PROVES", "born_in_japan").replace("SOURCE", "nowhere"))
    with pytest.raises(CatalogueError, match="source 'nowhere' unknown"):
        load_catalogue(path)


def test_the_shipped_catalogue_file_is_the_one_loaded_by_default() -> None:
    assert CATALOGUE_FILE.name == "catalogue.yaml" and CATALOGUE_FILE.exists()
