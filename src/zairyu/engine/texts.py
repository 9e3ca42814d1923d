"""An assessment as JSON in one language, or with its static texts sent once per policy.

By default an assessment carries, for every person, each condition's text, citation, reading
and what its failure means, each outcome's text, each assumption's, each rule of law's, each
action's and each own number's, in Japanese and English: the same words over and over, for
they depend on the policy only. Two choices make the answer smaller, and neither loses a word:

- ``lang``: every text in that language only, as a map with that one key
  (``{"en": "..."}``, so a reader of ``text["en"]`` reads it as before);
- ``by_reference``: each policy's static texts once, in the policy's ``texts`` (``conditions``,
  ``known_by_law``, ``changes``, ``numbers`` and ``assumptions``, each keyed by the id the
  person's entry already carries: the condition's ``id``, the rule's ``id``, the change's
  ``action_id``, the number's ``parameter``, the assumption's ``field``), and each outcome's
  text in the policy's ``outcomes`` (as always) under the person's ``outcome``. The person's
  entries leave those texts out. ``policy_texts`` gives every static text of a policy in the
  same form, so a client can fetch them once per policy version.

The texts are the ones the engine puts in the trace, made by the same functions
(``condition_statics``, ``known_by_law``, ``action_text``, ``number_text``,
``assumption_text``, ``policy_header``); there is no second wording. An entry whose text is not
the one already listed under its id (an assessment stored by an older version, say) keeps its
texts in place, so resolving every reference always gives back the full answer.
"""

from __future__ import annotations

from typing import Any

import orjson

from zairyu.engine.assessment import (
    ConditionResult,
    HouseholdAssessment,
    KnownByLaw,
    PersonResult,
    PolicyAssessment,
    condition_statics,
    known_by_law,
    policy_header,
)
from zairyu.engine.counterfactual import action_text
from zairyu.engine.law import law_facts
from zairyu.engine.own_numbers import number_text, own_parameters
from zairyu.engine.presumption import assumption_text, presumable_columns
from zairyu.engine.scalar import ScalarPlan
from zairyu.i18n import Lang

SECTIONS = ("conditions", "known_by_law", "changes", "numbers", "assumptions")
LangMap = dict[str, str]


class _Words:
    """Texts in the language asked for (all of them for ``None``), each map made once."""

    def __init__(self, lang: Lang | None) -> None:
        self.lang = lang
        # id of the original -> (the original, kept alive so the id stays its own; the copy)
        self._made: dict[int, tuple[object, Any]] = {}

    def text(self, words: LangMap | None) -> LangMap | None:
        if words is None or self.lang is None:
            return words
        made = self._made.get(id(words))
        if made is None:
            made = self._made[id(words)] = (words, {self.lang: words[self.lang]})
        one: LangMap = made[1]
        return one

    def citation(self, citation: dict[str, Any]) -> dict[str, Any]:
        """A citation: the reason no quote is given is a text; the quote is the source's own."""
        reason = citation.get("unquoted_reason")
        if reason is None or self.lang is None:
            return citation
        made = self._made.get(id(citation))
        if made is None:
            made = self._made[id(citation)] = (
                citation,
                citation | {"unquoted_reason": self.text(reason)},
            )
        copied: dict[str, Any] = made[1]
        return copied


class _Texts:
    """A policy's static texts as the answer lists them once, with what each was made from."""

    def __init__(self, words: _Words) -> None:
        self.words = words
        self.listed: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
        self._from: dict[tuple[str, str], object] = {}
        self.household: dict[str, dict[str, Any]] = {}  # condition id -> household inputs
        self._household_from: dict[str, object] = {}

    def refer(self, section: str, key: str, original: object, entry: Any) -> bool:
        """List ``entry`` under ``key`` unless it is listed: True if the person's entry may
        leave it out (it is what is listed there), False if it must keep its own."""
        seen = self._from.get((section, key), _UNSEEN)
        if seen is _UNSEEN:
            self._from[(section, key)] = original
            self.listed[section][key] = entry() if callable(entry) else entry
            return True
        return bool(seen == original)

    def share(self, condition_id: str, inputs: dict[str, Any]) -> bool:
        """The other members' facts a condition read, listed once per policy (they are the same
        for every person): True if the person's entry may leave them out. None listed under a
        condition's id means none were read."""
        seen = self._household_from.get(condition_id, _UNSEEN)
        if seen is _UNSEEN:
            self._household_from[condition_id] = inputs
            if inputs:
                self.household[condition_id] = inputs
            return True
        return bool(seen == inputs)


_UNSEEN = object()


def _condition_texts(
    text: LangMap,
    citation: dict[str, Any],
    reading: LangMap | None,
    when_false: LangMap | None,
    words: _Words,
) -> dict[str, Any]:
    """A condition's static texts, as ``texts.conditions`` lists them."""
    return {
        "text": words.text(text),
        "citation": words.citation(citation),
        "reading": words.text(reading),
        "when_false": words.text(when_false),
    }


def _known_texts(known: KnownByLaw, words: _Words) -> dict[str, Any]:
    """A rule of law's static texts, as ``texts.known_by_law`` lists them."""
    return {
        "text": words.text(known.text),
        "citation": words.citation(known.citation),
        "reading": words.text(known.reading),
    }


def _condition(c: ConditionResult, words: _Words, texts: _Texts | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": c.id, "kind": c.kind, "value": c.value}
    static = (c.text, c.citation, c.reading, c.when_false)
    inline = texts is None or not texts.refer(
        "conditions", c.id, static, lambda: _condition_texts(*static, words)
    )
    if inline:
        entry["text"] = words.text(c.text)
        entry["citation"] = words.citation(c.citation)
    entry["inputs"] = c.inputs
    if texts is None or not texts.share(c.id, c.household_inputs):
        entry["household_inputs"] = c.household_inputs
    if inline:
        entry["reading"] = words.text(c.reading)
    entry["composite"] = c.composite
    entry["applicable"] = c.applicable
    if inline:
        entry["when_false"] = words.text(c.when_false)
    return entry


def _outcome_text(
    entry: dict[str, Any], outcome: str, text: LangMap, policy: PolicyAssessment, words: _Words
) -> None:
    """The outcome's text, unless the policy's ``outcomes`` lists the same under its id."""
    if policy.outcomes.get(outcome) != text:
        entry["outcome_text"] = words.text(text)


def _person(
    person: PersonResult, policy: PolicyAssessment, words: _Words, texts: _Texts | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "person_id": person.person_id,
        "role": person.role,
        "outcome": person.outcome,
    }
    if texts is None:
        entry["outcome_text"] = words.text(person.outcome_text)
    else:
        _outcome_text(entry, person.outcome, person.outcome_text, policy, words)
    entry["conditions"] = [_condition(c, words, texts) for c in person.conditions]
    entry["missing_facts"] = person.missing_facts
    entry["counterfactuals"] = [
        {
            "changes": [
                _keyed(
                    {"action_id": ch.action_id, "person_id": ch.person_id},
                    "changes",
                    ch.action_id,
                    ch.text,
                    words,
                    texts,
                )
                | {"scope": ch.scope}
                for ch in cf.changes
            ],
            "outcome": cf.outcome,
        }
        for cf in person.counterfactuals
    ]
    presumed = person.presumptive
    if presumed is None:
        entry["presumptive"] = None
    else:
        level: dict[str, Any] = {"outcome": presumed.outcome}
        if texts is None:
            level["outcome_text"] = words.text(presumed.outcome_text)
        else:
            _outcome_text(level, presumed.outcome, presumed.outcome_text, policy, words)
        level["assumptions"] = [
            _keyed(
                {"person_id": a.person_id, "field": a.field},
                "assumptions",
                a.field,
                a.text,
                words,
                texts,
            )
            | {"weighs": a.weighs, "verify_first": a.verify_first}
            for a in presumed.assumptions
        ]
        level["missing_facts"] = presumed.missing_facts
        entry["presumptive"] = level
    entry["known_by_law"] = [_known(k, words, texts) for k in person.known_by_law]
    entry["decided_by"] = [
        _keyed(
            {"parameter": n.parameter, "value": n.value},
            "numbers",
            n.parameter,
            n.text,
            words,
            texts,
        )
        | {"level": n.level, "alternatives": n.alternatives}
        for n in person.decided_by
    ]
    return entry


def _keyed(
    entry: dict[str, Any],
    section: str,
    key: str,
    text: LangMap,
    words: _Words,
    texts: _Texts | None,
) -> dict[str, Any]:
    """An entry whose one static part is ``text``: by reference where it can be."""
    if texts is None or not texts.refer(section, key, text, lambda: words.text(text)):
        entry["text"] = words.text(text)
    return entry


def _known(known: KnownByLaw, words: _Words, texts: _Texts | None) -> dict[str, Any]:
    static = (known.text, known.citation, known.reading)
    if texts is not None and texts.refer(
        "known_by_law", known.id, static, lambda: _known_texts(known, words)
    ):
        return {"id": known.id}
    return {"id": known.id} | _known_texts(known, words)


def _policy(policy: PolicyAssessment, words: _Words, by_reference: bool) -> dict[str, Any]:
    texts = _Texts(words) if by_reference else None
    entry: dict[str, Any] = {
        "policy_id": policy.policy_id,
        "policy_version": policy.policy_version,
        "title": words.text(policy.title),
        "disclaimer": words.text(policy.disclaimer),
        "outcomes": {k: words.text(v) for k, v in policy.outcomes.items()},
        "persons": [_person(p, policy, words, texts) for p in policy.persons],
    }
    if texts is not None:
        entry["texts"] = texts.listed
        entry["household_inputs"] = texts.household
    return entry


def assessment_body(
    result: HouseholdAssessment, lang: Lang | None = None, *, by_reference: bool = False
) -> dict[str, Any]:
    """The assessment as a JSON-ready structure, in ``lang`` only (``None``: both), its static
    texts once per policy if ``by_reference``. Dates stay dates (``orjson`` writes them)."""
    words = _Words(lang)
    return {
        "household_id": result.household_id,
        "as_of": result.as_of,
        "policies": [_policy(p, words, by_reference) for p in result.policies],
    }


def assessment_json(
    result: HouseholdAssessment, lang: Lang | None = None, *, by_reference: bool = False
) -> bytes:
    """The assessment as JSON (UTF-8): the engine's own ``to_json`` when nothing is left out."""
    if lang is None and not by_reference:
        return result.to_json()
    return orjson.dumps(assessment_body(result, lang, by_reference=by_reference))


def policy_texts(scalar: ScalarPlan, lang: Lang | None = None) -> dict[str, Any]:
    """Every static text of a policy, in the form an answer by reference lists them: the
    policy's header (id, version, title, disclaimer, outcomes) and its ``texts``."""
    words = _Words(lang)
    header = policy_header(scalar.plan)
    presumable = {item.field: item for item in presumable_columns(scalar).values()}
    texts: dict[str, dict[str, Any]] = {
        "conditions": {
            s.id: _condition_texts(s.text, s.citation, s.reading, s.when_false, words)
            for s in condition_statics(scalar)
        },
        "known_by_law": {
            k.id: _known_texts(k, words) for k in (known_by_law(f.rule) for f in law_facts())
        },
        "changes": {a.definition.id: words.text(action_text(a)) for a in scalar.plan.actions},
        "numbers": {p.id: words.text(number_text(p)) for p in own_parameters(scalar.plan.policy)},
        "assumptions": {path: words.text(assumption_text(i)) for path, i in presumable.items()},
    }
    return {
        "policy_id": header["policy_id"],
        "policy_version": header["policy_version"],
        "title": words.text(header["title"]),
        "disclaimer": words.text(header["disclaimer"]),
        "outcomes": {k: words.text(v) for k, v in header["outcomes"].items()},
        "texts": texts,
    }
