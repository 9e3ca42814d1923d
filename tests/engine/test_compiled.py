"""A compiled plan's definitions, held deferred (``zairyu.engine.compiled.Deferred``): pickled
as their own pickle, read back only when asked for, and the same as what was pickled."""

from __future__ import annotations

import pickle

from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.compiled import Deferred


def test_a_deferred_value_pickled_is_read_back_only_when_asked_for() -> None:
    read = pickle.loads(pickle.dumps(Deferred({"a": [1, 2]})))
    assert repr(read) == "Deferred(<not read yet>)"
    assert read.value == {"a": [1, 2]}
    assert repr(read) == "Deferred({'a': [1, 2]})"


def test_a_deferred_value_pickled_again_unread_keeps_what_it_holds() -> None:
    once = pickle.loads(pickle.dumps(Deferred(("x", 3))))
    twice = pickle.loads(pickle.dumps(once))
    assert repr(once) == repr(twice) == "Deferred(<not read yet>)"
    assert twice.value == ("x", 3)


def test_deferred_values_are_equal_and_hashed_as_the_values_they_hold() -> None:
    read = pickle.loads(pickle.dumps(Deferred("same")))
    assert read == Deferred("same")
    assert read != Deferred("other")
    assert hash(read) == hash(Deferred("same")) == hash("same")
    assert Deferred("same") != "same"  # a deferred value is not the value itself


def test_a_plan_pickled_and_read_back_holds_the_same_definitions() -> None:
    plan = default_catalogue().get("guidelines-2024")
    read = pickle.loads(pickle.dumps(plan))
    assert read.policy == plan.policy
    assert [s.definition for s in read.steps] == [s.definition for s in plan.steps]
    assert [o.definition for o in read.outcomes] == [o.definition for o in plan.outcomes]
    assert [a.definition for a in read.actions] == [a.definition for a in plan.actions]
    assert read.validity == plan.validity
    assert read.conditions == plan.conditions
