"""parents_any, children_any and siblings_any: who is whose parent, child and sibling, read the
one way ``zairyu.engine.relations`` defines, by the scalar, Polars and interval backends alike."""

from __future__ import annotations

from random import Random

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.engine.columnar import to_polars
from zairyu.engine.expr import ExpressionError, Type, parse
from zairyu.engine.relations import related
from zairyu.engine.scalar import compile_node
from zairyu.model.columns import allowed_values

SCOPE: dict[str, Type] = {"flag": "bool", "role": "str", "parents": "str", "person_id": "str"}


def member(pid: str, role: str, flag: bool | None = None, parents: str | None = None) -> dict:
    return {"household_id": "h", "person_id": pid, "role": role, "parents": parents, "flag": flag}


def scalar_values(text: str, rows: list[dict]) -> list[object]:
    fn = compile_node(parse(text, SCOPE))
    return [fn(rows, i) for i in range(len(rows))]


def polars_values(text: str, rows: list[dict]) -> list[object]:
    schema = {k: pl.String for k in ("household_id", "person_id", "role", "parents")}
    frame = pl.DataFrame(rows, schema={**schema, "flag": pl.Boolean}, orient="row")
    return frame.select(to_polars(parse(text, SCOPE)).alias("x"))["x"].to_list()


def values(text: str, rows: list[dict]) -> list[object]:
    scalar = scalar_values(text, rows)
    assert polars_values(text, rows) == scalar, text
    return scalar


def test_a_child_who_names_no_parent_has_the_households_parents():
    rows = [member("m", "parent", True), member("f", "parent", False), member("c", "child")]
    assert values("parents_any(flag)", rows) == [False, False, True]
    assert values("children_any(flag)", [*rows[:2], member("c", "child", True)]) == [
        True,
        True,
        False,
    ]


def test_a_named_parent_is_the_only_parent_and_a_step_parent_is_not_one():
    # c names only its mother m; the mother's husband s (a step-parent) is not c's parent.
    rows = [
        member("m", "parent", False),
        member("s", "parent", True),
        member("c", "child", None, "m"),
    ]
    assert values("parents_any(flag)", rows) == [False, False, False]
    assert values("children_any(role = 'child')", rows) == [True, False, False]


def test_two_families_in_one_household_are_read_apart():
    rows = [
        member("a1", "parent", True),
        member("a2", "child", False, "a1"),
        member("b1", "parent", False),
        member("b2", "child", True, "b1"),
    ]
    assert values("parents_any(flag)", rows) == [False, True, False, False]
    assert values("children_any(flag)", rows) == [False, False, True, False]
    assert values("siblings_any(flag)", rows) == [False, False, False, False]


def test_a_grandmother_is_the_parent_of_the_mother_not_of_the_child():
    rows = [
        member("g", "other_relative", True),
        member("m", "parent", False, "g"),
        member("c", "child", False, "m"),
    ]
    assert values("parents_any(flag)", rows) == [False, True, False]
    assert values("children_any(role = 'parent')", rows) == [True, False, False]


def test_siblings_share_a_parent_and_children_without_parents_are_each_others_siblings():
    half = [
        member("m", "parent"),
        member("x", "child", True, "m"),
        member("y", "child", False, "m"),
        member("z", "child", True, "n"),  # names a parent not in the household
    ]
    assert values("siblings_any(flag)", half) == [False, False, True, False]
    alone = [
        member("x", "child", True),
        member("y", "child", False),
        member("g", "other_relative", True),
    ]
    assert values("siblings_any(flag)", alone) == [False, True, False]


def test_an_unknown_relative_leaves_the_answer_unknown_unless_another_decides_it():
    rows = [member("m", "parent", None), member("f", "parent", False), member("c", "child")]
    assert values("parents_any(flag)", rows) == [False, False, None]
    rows[1]["flag"] = True
    assert values("parents_any(flag)", rows) == [False, False, True]


def test_a_relation_aggregate_cannot_hold_another_aggregate():
    with pytest.raises(ExpressionError, match="cannot contain another household aggregate"):
        parse("parents_any(household_any(flag))", SCOPE)


ROLES = allowed_values()["role"]


@pytest.mark.parametrize("backwards", [False, True], ids=["runs of rows", "window"])
@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), over=st.sampled_from(["parents", "children", "siblings"]))
def test_polars_reads_relations_as_the_one_definition_does(backwards, seed, over):
    # Households in increasing order take the path by runs of rows; backwards, the window.
    _relations_agree(seed, over, backwards)


def _relations_agree(seed: int, over: str, backwards: bool) -> None:
    rnd = Random(seed)
    rows = []
    for h in range(rnd.randint(1, 4)):
        ids = [f"h{h}p{k}" for k in range(rnd.randint(1, 5))]
        named = rnd.random() < 0.5
        for pid in ids:
            parents = None
            if named and rnd.random() < 0.7:
                chosen = [p for p in ids if p != pid and rnd.random() < 0.4]
                parents = " ".join(chosen) or None
            flag = rnd.choice([True, False, None])
            rows.append(member(pid, rnd.choice(ROLES), flag, parents) | {"household_id": f"h{h}"})
    households = [[r for r in rows if r["household_id"] == f"h{h}"] for h in range(4)]
    expected = []
    for household in households:
        for i in range(len(household)):
            cells = [household[j]["flag"] for j in related(over, household, i)]
            expected.append(True if True in cells else None if None in cells else False)
    text = f"{over}_any(flag)"
    if backwards:
        assert polars_values(text, rows[::-1]) == expected[::-1]
    else:
        assert polars_values(text, rows) == expected
    assert [v for hh in households for v in scalar_values(text, hh)] == expected
