"""Facts that cannot be true together are refused on both paths with the same words: the
household JSON (zairyu assess) and the caseload rows (zairyu batch)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from zairyu.engine.catalogue import default_catalogue
from zairyu.model.problems import InvalidHousehold, load_household
from zairyu.services.assessing import assess_household
from zairyu.services.batch import run_batch

AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")

CASES = [
    # (household JSON member facts, caseload columns, field, message)
    ({"date_of_birth": "2030-01-01"}, {"birth_date": "2030-01-01"}, "date_of_birth",
     "the date of birth is after the assessment date"),
    ({"date_of_birth": "1850-01-01"}, {"birth_date": "1850-01-01"}, "date_of_birth",
     "the date of birth is before 1900"),
    ({"born_in_japan": False, "immigration": {"entry_mode": "born_in_japan"}},
     {"born_in_japan": "false", "entry_mode": "born_in_japan"}, "immigration.entry_mode",
     "contradicts how they came to Japan"),
    ({"date_of_birth": "2010-01-01", "immigration": {"deportation_order": True,
      "deportation_order_date": "2005-01-01"}},
     {"birth_date": "2010-01-01", "deportation_order_date": "2005-01-01"},
     "immigration.deportation_order_date", "before the date of birth"),
    ({"date_of_birth": "2010-01-01",
      "school": {"enrolments": [{"level": "elementary", "start": "2008-04-01"}]}},
     {"birth_date": "2010-01-01", "school_first_start": "2008-04-01"}, "school.enrolments",
     "starts before the date of birth"),
    ({"date_of_birth": "2010-01-01",
      "immigration": {"previous_orders": [{"kind": "departure_order", "issued_on": "2005-01-01"}]}},
     {"birth_date": "2010-01-01", "previous_order_first_date": "2005-01-01"},
     "immigration.previous_orders", "order is dated before the date of birth"),
    ({"immigration": {"previous_orders": [{"kind": "deportation_order"}]},
      "residence": {"previous_deportation_procedure": False}},
     {"previous_deportation_order": "true", "previous_deportation_procedure": "false"},
     "residence.previous_deportation_procedure", "deportation procedures are recorded as none"),
    ({"date_of_birth": "2010-01-01", "born_in_japan": True,
      "immigration": {"entry_mode": "born_in_japan"},
      "residence": {"illegal_stay_since": "2009-12-31"}},
     {"birth_date": "2010-01-01", "illegal_stay_since": "2009-12-31"},
     "residence.illegal_stay_since", "the illegal stay starts before the date of birth"),
    ({"date_of_birth": "1990-01-01", "born_in_japan": False,
      "immigration": {"entry_mode": "illegal_entry", "entry_date": "2012-05-01"},
      "residence": {"illegal_stay_since": "2012-04-30"}},
     {"birth_date": "1990-01-01", "entry_mode": "illegal_entry", "entry_date": "2012-05-01",
      "illegal_stay_since": "2012-04-30"},
     "residence.illegal_stay_since", "the illegal stay starts before the date of entry"),
]  # fmt: skip


@pytest.mark.parametrize(("member", "columns", "field", "message"), CASES)
def test_the_household_json_refuses_facts_that_cannot_be_true(member, columns, field, message):
    household = {"id": "h1", "members": [{"id": "c1", "role": "child", **member}]}
    with pytest.raises(InvalidHousehold) as refused:
        assess_household(load_household(json.dumps(household), "h.json"), AS_OF)
    text = str(refused.value)
    assert "household 'h1', member 'c1'" in text and field in text and message in text


@pytest.mark.parametrize(("member", "columns", "field", "message"), CASES)
def test_batch_refuses_the_same_facts_with_the_row_named(tmp_path, member, columns, field, message):
    frame = pl.DataFrame([{"household_id": "h1", "person_id": "c1", "role": "child", **columns},
                          {"household_id": "h2", "person_id": "c2", "role": "child"}])  # fmt: skip
    frame.write_csv(tmp_path / "c.csv")
    summary = run_batch(tmp_path / "c.csv", tmp_path / "o.csv", [PLAN], AS_OF,
                        errors=tmp_path / "e.csv")  # fmt: skip
    problems = pl.read_csv(tmp_path / "e.csv", infer_schema=False).to_dicts()
    assert [(p["row"], p["household_id"]) for p in problems] == [("1", "h1")]
    assert message in problems[0]["problem"]
    assert summary.assessed == 1  # the other household is still assessed


def test_batch_refuses_a_person_listed_twice(tmp_path):
    (tmp_path / "c.csv").write_text(
        "household_id,person_id,role\nh1,p1,parent\nh1,p1,child\nh2,p2,child\n", encoding="utf-8"
    )
    run_batch(tmp_path / "c.csv", tmp_path / "o.csv", [PLAN], AS_OF, errors=tmp_path / "e.csv")
    problems = pl.read_csv(tmp_path / "e.csv", infer_schema=False).to_dicts()
    assert [(p["row"], p["column"]) for p in problems] == [("2", "person_id")]


@pytest.mark.parametrize("chunk_rows", [2, 1000])
def test_a_household_whose_rows_are_apart_is_refused_whatever_the_chunk_size(tmp_path, chunk_rows):
    (tmp_path / "c.csv").write_text(
        "household_id,person_id,role\nh1,a,parent\nh2,b,parent\nh1,c,child\nh3,d,child\n",
        encoding="utf-8",
    )
    summary = run_batch(tmp_path / "c.csv", tmp_path / "o.csv", [PLAN], AS_OF,
                        errors=tmp_path / "e.csv", chunk_rows=chunk_rows)  # fmt: skip
    problems = pl.read_csv(tmp_path / "e.csv", infer_schema=False).to_dicts()
    assert [(p["row"], p["household_id"]) for p in problems] == [("1", "h1")]
    assert "not together" in problems[0]["problem"]
    assert summary.households == 2  # h2 and h3; h1 set aside, never counted twice


def test_a_key_written_twice_is_refused():
    text = '{"id": "h1", "members": [{"id": "c1", "role": "child", "role": "parent"}]}'
    with pytest.raises(InvalidHousehold, match="'role': is written twice"):
        load_household(text, "h.json")


@pytest.mark.parametrize("value", ['"yes"', '"n"', "1", '"off"'])
def test_a_boolean_must_be_a_json_boolean(value):
    text = '{"id": "h1", "members": [{"id": "c1", "role": "child", "born_in_japan": %s}]}'
    with pytest.raises(InvalidHousehold, match="born_in_japan"):
        load_household(text % value, "h.json")


def test_an_illegal_stay_that_starts_on_the_day_of_an_illegal_entry_is_accepted():
    member = {"id": "p1", "role": "parent", "date_of_birth": "1990-01-01", "born_in_japan": False,
              "immigration": {"entry_mode": "illegal_entry", "entry_date": "2012-05-01"},
              "residence": {"illegal_stay_since": "2012-05-01"}}  # fmt: skip
    household = load_household(json.dumps({"id": "h1", "members": [member]}), "h.json")
    assert assess_household(household, AS_OF).policies
