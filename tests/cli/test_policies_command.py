"""`zairyu policies` ends with what the law settles under every policy, and what it does not,
in the language asked for."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import zairyu.cli  # noqa: F401  (registers the sub-commands on the app)
from zairyu.cli.app import app
from zairyu.policies.law import load_law_facts, load_not_derived


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_policies_list_says_which_facts_the_law_settles_and_which_it_does_not(lang):
    result = CliRunner().invoke(app, ["policies", "--lang", lang])
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("Under every policy, facts the law settles (never asked):")[1]
    for rule in load_law_facts():
        assert rule.text.get(lang) in tail
    settles, does_not = tail.split("Facts the law does not settle")
    for item in load_not_derived():
        assert item.text.get(lang) in does_not
        assert item.text.get(lang) not in settles
