"""The checks of a caseload chunk across rows: a person listed twice, a household split in the
file. Each has a quick answer for the usual file (no problem at all) and the full search
otherwise; both must find the same rows."""

from __future__ import annotations

import polars as pl
import pytest

from zairyu.io.row_problems import ROW
from zairyu.services.caseload_checks import duplicate_persons, split_households


def _people(households: list[object], persons: list[object]) -> pl.DataFrame:
    return pl.DataFrame({"household_id": households, "person_id": persons}).with_row_index(
        ROW, offset=1
    )


def test_a_caseload_without_a_person_listed_twice_has_no_duplicate():
    assert duplicate_persons(_people([1, 1, 2, 2, 3], [1, 2, 1, 2, 3])) == []


def test_ids_that_equal_their_household_id_are_not_taken_for_duplicates():
    # household h, person h in every household: a hash of the pair must not cancel out
    assert duplicate_persons(_people(list(range(50)), list(range(50)))) == []


@pytest.mark.parametrize("ids", [str, int])
def test_every_row_after_the_first_of_a_person_listed_twice_is_a_problem(ids):
    people = _people([ids(h) for h in (1, 1, 1, 2, 1)], [ids(p) for p in (7, 8, 7, 7, 7)])
    found = duplicate_persons(people)
    assert [(p.row, p.household_id, p.value) for p in found] == [(3, "1", "7"), (5, "1", "7")]
    assert all(p.column == "person_id" and "listed twice" in p.problem for p in found)


def test_a_person_listed_twice_is_found_when_the_ids_are_in_order_elsewhere():
    found = duplicate_persons(_people([1, 1, 1, 2], [1, 2, 2, 3]))
    assert [p.row for p in found] == [3]


def test_the_same_person_id_in_two_households_is_no_duplicate():
    assert duplicate_persons(_people(["a", "b"], ["p", "p"])) == []


@pytest.mark.parametrize(
    ("households", "split"),
    [
        ([1, 1, 2, 3, 3], set()),
        ([1, 2, 1, 3], {"1"}),
        ([1, 2, 3, 2, 1, 1], {"1", "2"}),
        ([], set()),
    ],
)
def test_a_household_is_split_when_its_rows_are_in_more_than_one_block(households, split):
    assert split_households(pl.LazyFrame({"household_id": households})) == split
