"""The interview asks the record in the detail the law uses: prostitution by the person and
procuring it, and earlier deportation or departure orders (ticked like the grounds)."""

from __future__ import annotations

from starlette.datastructures import MultiDict

from zairyu.interview.questions import BY_COLUMN, QUESTIONS
from zairyu.interview.state import Interview
from zairyu.web.pages.interview_forms import Form, defaults, parse

ORDERS = next(q for q in QUESTIONS if q.path == "immigration.previous_orders")


def test_each_kind_of_prostitution_has_its_own_question():
    assert [q.path for q in BY_COLUMN["prostitution_by_self"]] == ["record.prostitution_by_self"]
    assert [q.path for q in BY_COLUMN["procured_prostitution"]] == ["record.procured_prostitution"]


def test_ticked_orders_become_the_household_list_and_show_again_when_changed():
    ticks = Form(MultiDict([("grounds", "deportation_order"), ("grounds", "departure_order")]))
    value = parse(ORDERS, ticks)
    assert value == [{"kind": "deportation_order"}, {"kind": "departure_order"}]
    assert defaults(ORDERS, value) == {"grounds": ["deportation_order", "departure_order"]}
    interview = Interview.with_members({"parent": 1})
    interview.answer("p1", "immigration.previous_orders", value)
    (person,) = interview.household().members
    assert [o.kind for o in person.immigration.previous_orders or []] == [
        "deportation_order",
        "departure_order",
    ]


def test_none_of_these_orders_is_known_to_have_had_none():
    value = parse(ORDERS, Form(MultiDict([("grounds", "none")])))
    assert value == []
    assert defaults(ORDERS, value) == {"grounds": ["none"]}
