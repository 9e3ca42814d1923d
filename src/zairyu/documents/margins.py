"""What every page of a document carries in its margins: the record it belongs to, the date
assessed and the versions of zairyu and of each policy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from zairyu import __version__
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment

SHORT_ID = 8


@dataclass(frozen=True)
class Margins:
    version: str
    record: str
    footer: str


def record_label(assessment: HouseholdAssessment, words: Words, record_id: str | None) -> str:
    """A short id tying the paper to the stored assessment (the first characters of its id in
    the audit trail); for an assessment not stored, a digest of its content instead."""
    if record_id:
        return f"{words.t('Stored assessment')} {record_id[:SHORT_ID]}"
    digest = hashlib.sha256(assessment.to_json()).hexdigest()[:SHORT_ID]
    return f"{words.t('Not stored; content digest')} {digest}"


def margins(assessment: HouseholdAssessment, words: Words, record_id: str | None) -> Margins:
    policies = ", ".join(f"{p.policy_id} v{p.policy_version}" for p in assessment.policies)
    footer = (
        f"{words.report('as_of')}: {words.day(assessment.as_of)} · zairyu {__version__} · "
        f"{policies}"
    )
    return Margins(__version__, record_label(assessment, words, record_id), footer)
