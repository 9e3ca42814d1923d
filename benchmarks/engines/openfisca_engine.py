"""The benchmark rule set in OpenFisca (openfisca-core): entities person and household, dated
parameters, one variable per rule. A what-if is an OpenFisca reform of the parameters."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import numpy as np
import polars as pl
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DAY
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from benchmarks.engines import AS_OF, BASELINE, OUTPUTS

PERIOD = AS_OF.isoformat()

Household = build_entity(
    key="household",
    plural="households",
    label="Household",
    roles=[
        {"key": "parent", "plural": "parents", "label": "Parent"},
        {"key": "child", "plural": "children", "label": "Child"},
    ],
)
Person = build_entity(key="person", plural="persons", label="Person", is_person=True)


class SchoolLevel(Enum):
    none = "none"
    preschool = "preschool"
    elementary = "elementary"
    junior_high = "junior_high"
    high = "high"
    university = "university"


class EntryMode(Enum):
    born_in_japan = "born_in_japan"
    status_of_residence = "status_of_residence"
    illegal_entry = "illegal_entry"
    illegal_landing = "illegal_landing"


def _input(name: str, kind: type, entity: Any = Person, **extra: Any) -> type[Variable]:
    attrs = {"value_type": kind, "entity": entity, "definition_period": DAY, "label": name}
    return type(name, (Variable,), {**attrs, **extra})


INPUTS = [
    _input("birth_date", date),
    _input("born_in_japan", bool),
    _input("convicted_violent", bool),
    _input("sham_marriage", bool),
    _input("forged_residence_card", bool),
    _input("convicted_drug", bool),
    _input("prostitution", bool),
    _input("conviction_count", int),
    _input("longest_unsuspended_part_months", int),
    _input("school_level", Enum, possible_values=SchoolLevel, default_value=SchoolLevel.none),
    _input("entry_mode", Enum, possible_values=EntryMode, default_value=EntryMode.born_in_japan),
]


class age(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "Age on the reference date (a birthday on the date counts)"

    def formula(person, period, parameters):
        birth = person("birth_date", period)
        years = birth.astype("datetime64[Y]")
        months = birth.astype("datetime64[M]")
        birth_month = (months - years).astype(int) + 1
        birth_day = (birth - months).astype(int) + 1
        before = (birth_month > period.start.month) | (
            (birth_month == period.start.month) & (birth_day > period.start.day)
        )
        return period.start.year - (years.astype(int) + 1970) - before


class in_school(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY

    def formula(person, period, parameters):
        school = person("school_level", period)
        return (
            (school == SchoolLevel.elementary)
            | (school == SchoolLevel.junior_high)
            | (school == SchoolLevel.high)
        )


class child_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY

    def formula(person, period, parameters):
        p = parameters(period).benchmark
        return (
            person("born_in_japan", period)
            & (person("age", period) < p.age_limit)
            & person("in_school", period)
            & ~person("convicted_violent", period)
        )


class parent_excluded(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY

    def formula(person, period, parameters):
        p = parameters(period).benchmark
        return person.has_role(Household.PARENT) & (
            (person("entry_mode", period) == EntryMode.illegal_entry)
            | person("sham_marriage", period)
            | person("forged_residence_card", period)
            | person("convicted_drug", period)
            | person("prostitution", period)
            | (person("conviction_count", period) >= p.conviction_limit)
            | (person("longest_unsuspended_part_months", period) > p.prison_limit_months)
        )


class household_eligible_h(Variable):
    value_type = bool
    entity = Household
    definition_period = DAY

    def formula(household, period, parameters):
        some_child = household.any(household.members("child_eligible", period))
        some_excluded = household.any(household.members("parent_excluded", period))
        return some_child & ~some_excluded


class household_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY

    def formula(person, period, parameters):
        return person.household("household_eligible_h", period)


class granted_candidate(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY

    def formula(person, period, parameters):
        p = parameters(period).benchmark
        child = person.has_role(Household.CHILD)
        return person("household_eligible", period) & (
            (child & person("in_school", period))
            | person.has_role(Household.PARENT)
            | (child & (person("age", period) < p.age_limit))
        )


VARIABLES = [
    *INPUTS,
    age,
    in_school,
    child_eligible,
    parent_excluded,
    household_eligible_h,
    household_eligible,
    granted_candidate,
]


class BenchmarkTaxBenefitSystem(TaxBenefitSystem):
    """The benchmark rule set as one tax-benefit system: used in process here and served by
    ``openfisca serve`` through ``benchmarks/api/openfisca_zairyu_benchmark``."""

    def __init__(self, params: dict[str, int] = BASELINE) -> None:
        super().__init__([Person, Household])
        self.parameters = ParameterNode(
            "",
            data={
                "benchmark": {
                    name: {"values": {"2000-01-01": {"value": value}}}
                    for name, value in params.items()
                }
            },
        )
        for variable in VARIABLES:
            self.add_variable(variable)


def system(params: dict[str, int]) -> TaxBenefitSystem:
    """A tax-benefit system with the given parameter values (a reform builds another)."""
    return BenchmarkTaxBenefitSystem(params)


BASE = system(BASELINE)


def prepare(frame: pl.DataFrame) -> dict[str, Any]:
    """Arrays for a simulation (the simulation itself is built per evaluation)."""
    arrays: dict[str, Any] = {}
    for name in (
        "born_in_japan",
        "convicted_violent",
        "sham_marriage",
        "forged_residence_card",
        "convicted_drug",
        "prostitution",
    ):
        arrays[name] = frame[name].to_numpy()
    for name in ("conviction_count", "longest_unsuspended_part_months"):
        arrays[name] = frame[name].cast(pl.Int32).to_numpy()
    arrays["birth_date"] = frame["birth_date"].to_numpy().astype("datetime64[D]")
    for name, enum in (("school_level", SchoolLevel), ("entry_mode", EntryMode)):
        codes = {item.name: i for i, item in enumerate(enum)}
        arrays[name] = frame[name].replace_strict(codes, return_dtype=pl.Int16).to_numpy()
    ids = frame["household_id"].to_numpy()
    arrays["_person_ids"] = frame["person_id"].to_numpy()
    arrays["_household_ids"] = np.unique(ids)
    arrays["_household_index"] = np.searchsorted(arrays["_household_ids"], ids)
    arrays["_roles"] = frame["role"].to_numpy()
    return arrays


def simulate(arrays: dict[str, Any], tbs: TaxBenefitSystem = BASE) -> Any:
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", arrays["_person_ids"])
    households = builder.declare_entity("household", arrays["_household_ids"])
    builder.join_with_persons(households, arrays["_household_index"], arrays["_roles"])
    simulation = builder.build(tbs)
    for name, values in arrays.items():
        if not name.startswith("_"):
            simulation.set_input(name, PERIOD, values)
    return simulation


def calculate(simulation: Any) -> pl.DataFrame:
    return pl.DataFrame({name: simulation.calculate(name, PERIOD) for name in OUTPUTS})


def evaluate(arrays: dict[str, Any], params: dict[str, int] = BASELINE) -> pl.DataFrame:
    tbs = BASE if params == BASELINE else system(params)
    return calculate(simulate(arrays, tbs)).with_columns(pl.col("age").cast(pl.Int32))


def single(rows: list[dict[str, Any]], trace: bool) -> Any:
    """One household through the situation JSON, as OpenFisca's web API builds it."""
    persons = {}
    for row in rows:
        persons[str(row["person_id"])] = {name: {PERIOD: _json(row[name])} for name in INPUT_NAMES}
    situation = {
        "persons": persons,
        "households": {
            "h": {
                "parents": [str(r["person_id"]) for r in rows if r["role"] == "parent"],
                "children": [str(r["person_id"]) for r in rows if r["role"] == "child"],
            }
        },
    }
    simulation = SimulationBuilder().build_from_entities(BASE, situation)
    simulation.trace = trace
    out = {name: simulation.calculate(name, PERIOD) for name in OUTPUTS}
    if trace:
        return out, simulation.tracer.computation_log.lines()
    return out


INPUT_NAMES = [v.__name__ for v in INPUTS]


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    frame = pl.read_parquet(source)
    result = evaluate(prepare(frame))
    result.insert_column(0, frame["person_id"]).write_parquet(target)


if __name__ == "__main__":
    main()
