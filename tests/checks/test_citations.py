"""Every condition that encodes a source quotes it, or says why it cannot."""

from __future__ import annotations

import pytest

from zairyu.engine.catalogue import default_catalogue

CONDITIONS = [
    (plan.id, condition)
    for plan in default_catalogue().plans.values()
    for condition in plan.policy.conditions
]


@pytest.mark.parametrize(
    ("policy_id", "condition"), CONDITIONS, ids=[f"{p}:{c.id}" for p, c in CONDITIONS]
)
def test_every_condition_quotes_its_source_or_says_why_it_cannot(policy_id, condition):
    citation = condition.citation
    assert citation.quote or citation.unquoted_reason, (
        f"{policy_id}: condition '{condition.id}' cites {citation.source} ({citation.pinpoint}) "
        "without citation.quote (the source's words) or citation.unquoted_reason (why none can be "
        "given); see docs/policies.md"
    )


def test_a_quote_and_a_reason_for_its_absence_do_not_stand_together():
    both = [f"{p}:{c.id}" for p, c in CONDITIONS if c.citation.quote and c.citation.unquoted_reason]
    assert both == []
