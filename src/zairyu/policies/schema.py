"""The shape of a policy file (YAML), checked when it is loaded.

A policy is data a lawyer can review: metadata, validity dates, parameters, derived variables,
conditions, outcomes and the actions that counterfactuals may try. Every condition carries the
Japanese wording, an English text and a citation. Where the sources leave a reading open, the
``reading`` field says which reading is encoded and why.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from zairyu.model.kinds import Role
from zairyu.model.strict import Strict
from zairyu.policies.validity import in_force

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
PolicyId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)]


class SourceStatus(StrEnum):
    """How far a source's wording was verified (see reference/policy-facts.md)."""

    confirmed = "CONFIRMED"
    secondary = "SECONDARY"
    partial = "PARTIAL"
    unconfirmed = "UNCONFIRMED"
    inferred = "INFERRED"


class Text(Strict):
    """A user-facing text in Japanese and English. Both are required and non-empty."""

    ja: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    @field_validator("ja")
    @classmethod
    def _looks_japanese(cls, value: str) -> str:
        if not _JAPANESE.search(value):
            raise ValueError("the Japanese text has no Japanese characters")
        return value

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


class Citation(Strict):
    """Where a rule comes from: a source id from the registry and the exact place in it."""

    source: Annotated[str, Field(min_length=1)]
    pinpoint: Annotated[str, Field(min_length=1)]
    status: SourceStatus
    quote: str | None = Field(default=None, description="The source's own words, if seen.")
    unquoted_reason: Text | None = Field(
        default=None,
        description="Why no quote can be given (the source was not read in full, or the rule is "
        "zairyu's own reading). A condition needs a quote or this reason.",
    )


class Source(Strict):
    """An entry of the registry of legal sources (policies/sources.yaml)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    url: str | None = None
    status: SourceStatus
    note: str | None = None


class OwnNumber(Strict):
    """Marks a number as zairyu's own (a weight, the margin, a placeholder period, a magnitude
    the source gives only as "about"), with the values another reasonable reading could give
    it. Every result is evaluated with each of them too, and where one gives another outcome
    the report says, beside the result, that this number decided it."""

    alternatives: Annotated[list[int], Field(min_length=1)]


class Parameter(Strict):
    """A named, dated value a reform can change (a date, an age, a number of months)."""

    id: Identifier
    value: date | bool | int | str
    text: Text
    citation: Citation
    reading: Text | None = None
    zairyu_own: OwnNumber | None = None

    @model_validator(mode="after")
    def _own_number_is_a_whole_number(self) -> Parameter:
        if self.zairyu_own is None:
            return self
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ValueError("zairyu_own: only a whole number can have alternatives")
        if self.value in self.zairyu_own.alternatives:
            raise ValueError("zairyu_own: an alternative must differ from the value")
        return self


class Variable(Strict):
    """A derived value (age on the reference date, a household fact, ...)."""

    id: Identifier
    expr: Annotated[str, Field(min_length=1)]
    text: Text
    applies_to: list[Role] | None = None
    citation: Citation | None = None
    reading: Text | None = None


class ConditionKind(StrEnum):
    requirement = "requirement"  # 要件
    exclusion = "exclusion"  # 除外事由
    family = "family"  # 家族への拡張
    guardian = "guardian"  # 監護者
    statutory_bar = "statutory_bar"  # 法定の消極事由
    exception = "exception"  # 例外
    ground = "ground"  # 許可の根拠
    positive_special = "positive_special"  # 特に考慮する積極要素
    positive_other = "positive_other"  # その他の積極要素
    negative_special = "negative_special"  # 特に考慮する消極要素
    negative_other = "negative_other"  # その他の消極要素
    procedure = "procedure"  # 手続
    weighing = "weighing"  # 積極要素と消極要素の比較衡量（zairyu の読み方）


class Condition(Strict):
    """One condition: an expression over the person table, with its law."""

    id: Identifier
    kind: ConditionKind
    expr: Annotated[str, Field(min_length=1)]
    text: Text
    citation: Citation
    applies_to: list[Role] | None = None
    reading: Text | None = None
    applies_when: str | None = Field(
        default=None,
        description="Shown as not applicable where this is false (a condition on an "
        "application, for a person who has not applied, holds only vacuously).",
    )
    when_false: Text | None = Field(
        default=None,
        description="What it means for the outcome when this condition fails, shown beside "
        "the outcome (a closed application window).",
    )
    weighed_as: ConditionKind | None = Field(
        default=None,
        description="In a weighing, count this condition as a factor of that kind "
        "(e.g. a statutory ground weighed like a specially considered positive factor).",
    )


WEIGHED_KINDS = (
    ConditionKind.positive_special,
    ConditionKind.positive_other,
    ConditionKind.negative_special,
    ConditionKind.negative_other,
)


class Weighing(Strict):
    """zairyu's reading of a guideline's weighing: the weight of each kind of factor, each a
    parameter of the policy. The engine builds the four sums every factor enters with the
    weight of its kind — ``positive_min`` and ``negative_min`` count an unknown factor as
    absent, ``positive_max`` and ``negative_max`` as present — so no factor can be left out
    or counted twice."""

    weights: dict[ConditionKind, Identifier] = Field(
        description="Kind of factor -> the parameter holding its weight (all four kinds)."
    )

    @field_validator("weights")
    @classmethod
    def _every_kind_weighed(cls, value: dict[ConditionKind, str]) -> dict[ConditionKind, str]:
        if set(value) != set(WEIGHED_KINDS):
            wanted = ", ".join(k.value for k in WEIGHED_KINDS)
            raise ValueError(f"needs exactly the kinds {wanted}")
        return value


class Outcome(Strict):
    """A possible result for a person. Outcomes are tried in order; the first that holds wins.
    If an earlier one is unknown, the result is ``undetermined`` and the missing facts are
    listed."""

    id: Identifier
    when: Annotated[str, Field(min_length=1)]
    text: Text
    rank: int = Field(description="Higher is more favourable to the person (for counterfactuals).")


class Action(Strict):
    """A change a person could make or prove, tried by counterfactuals."""

    id: Identifier
    text: Text
    set: dict[str, str] = Field(description="Column -> expression giving its new value.")
    applies_to: list[Role] | None = None
    scope: str = Field(default="person", pattern="^(person|household)$")
    only_if_unknown: bool = Field(
        default=False, description="Only proves an unknown fact; never overturns a known one."
    )
    when: str | None = Field(default=None, description="Only tried where this holds.")


class Closure(Strict):
    """A measure that no longer takes new cases: after ``after``, every outcome is shown
    with ``text`` (what the result still means)."""

    after: date
    text: Text
    citation: Citation
    reading: Text


class Presumptions(Strict):
    """Which facts a presumptive answer under this policy may take as absent when unknown
    (household fields of ``presumptions.yaml``), and why that reading is sound here."""

    fields: list[str] = Field(min_length=1)
    citation: Citation
    reading: Text


class Waiver(Strict):
    """A reviewed exception to a formal check (``zairyu check``), keyed by its stable id."""

    check: Annotated[str, Field(pattern=r"^[a-z_]+:[a-z0-9-]+:.+$", max_length=200)]
    reason: Text | Annotated[str, Field(min_length=10)]


class Policy(Strict):
    """One version of one policy."""

    id: PolicyId
    family: PolicyId
    version: Annotated[str, Field(min_length=1)]
    title: Text
    summary: Text
    effective_from: date
    effective_to: date | None = None
    sources: list[str]
    disclaimer: Text
    parameters: list[Parameter] = Field(default_factory=list)
    variables: list[Variable] = Field(default_factory=list)
    conditions: list[Condition]
    outcomes: list[Outcome]
    actions: list[Action] = Field(default_factory=list)
    weighing: Weighing | None = None
    presumptions: Presumptions | None = None
    closure: Closure | None = None
    not_formalised: list[Text] = Field(
        default=[], description="What the policy deliberately leaves to human judgement."
    )
    waivers: list[Waiver] = Field(
        default=[], description="Findings of `zairyu check` reviewed and accepted, with the reason."
    )

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)
