"""A member's display name is found as a caseworker types it."""

from __future__ import annotations

import pytest

from zairyu.model.name_search import household_has_name

HOUSEHOLD = {"members": [{"id": "p1", "display_name": "山田　花子"}, {"id": "c1"}]}


@pytest.mark.parametrize("typed", ["山田", "山田花子", "山田 花子", "花子", "山田　花子"])
def test_part_of_a_name_is_found_whatever_the_spaces(typed):
    assert household_has_name(HOUSEHOLD, typed)


def test_full_width_and_half_width_letters_and_case_do_not_matter():
    latin = {"members": [{"id": "p1", "display_name": "Maria SANTOS"}]}
    assert household_has_name(latin, "ｍａｒｉａ ｓａｎｔｏｓ")
    assert household_has_name(latin, "maria santos")
    kana = {"members": [{"id": "p1", "display_name": "サントス"}]}
    assert household_has_name(kana, "ｻﾝﾄｽ")


@pytest.mark.parametrize("typed", ["田中", "", "   ", "\u3000"])
def test_another_name_or_nothing_finds_nothing(typed):
    assert not household_has_name(HOUSEHOLD, typed)


def test_a_household_without_names_is_never_found():
    assert not household_has_name({"members": [{"id": "p1"}]}, "p1")
