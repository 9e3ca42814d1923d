"""A policy as a document a lawyer reads: ordered like the law, each rule beside its source.

For each source the policy cites (in the order the policy lists them): its title, status and
address; then each condition that encodes it, with the source's own words where they were read
(``citation.quote``) or the reason none can be given (``citation.unquoted_reason``), the
condition in words and as an expression, zairyu's reading where the text is open, and the
scenario cases on each side of it with their expected results. Then the parameters with their
values and sources, the derived values, the outcomes, what is not formalised and why, and the
findings of ``zairyu check`` that were reviewed and waived.

``policy_body`` returns the HTML body (for the web application to place in its own page);
``policy_html`` a complete page; ``policy_pdf`` the page as PDF through WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from zairyu.engine.assessment import UNDETERMINED_TEXT
from zairyu.engine.catalogue import Catalogue, default_catalogue
from zairyu.engine.compiled import UNDETERMINED, Plan
from zairyu.i18n import Lang, format_day, translations
from zairyu.policies.cases import Case, load_cases
from zairyu.policies.schema import Citation, Condition, Policy, Source, Text

DOMAIN = "policy"
SHOWN_CASES = 5  # scenario cases listed on each side of a condition (the rest are counted)


@dataclass(frozen=True)
class CaseSide:
    """A scenario case that states a condition's value for one person."""

    title: str
    source: str
    person: str
    value: bool | None
    outcome: str


@dataclass
class Rule:
    """A condition, parameter or derived value, with its citation."""

    id: str
    what: str  # "condition", "parameter" or "variable"
    text: Text
    citation: Citation | None
    expr: str | None = None
    kind: str | None = None
    value: str | None = None
    reading: Text | None = None
    applies_to: list[str] = field(default_factory=list)
    cases: list[CaseSide] = field(default_factory=list)
    # a parameter that is zairyu's own number (a weight, a margin, a placeholder): the values
    # another reasonable reading could give it (``zairyu_own`` in the policy file)
    own_alternatives: list[int] | None = None

    def side(self, value: bool | None) -> list[CaseSide]:
        return [c for c in self.cases if c.value is value]


@dataclass
class Section:
    """One source of the law and the rules that encode it."""

    source: Source
    rules: list[Rule]


@dataclass
class PolicyView:
    policy: Policy
    sections: list[Section]
    parameters: list[Rule]
    variables: list[Rule]


def _cases_for(cases: list[Case], policy_id: str) -> dict[str, list[CaseSide]]:
    found: dict[str, list[CaseSide]] = {}
    for case in cases:
        if case.policy != policy_id:
            continue
        for person, values in case.conditions.items():
            for condition, value in values.items():
                side = CaseSide(case.title, case.source, person, value, case.expect.get(person, ""))
                found.setdefault(condition, []).append(side)
    return found


def _condition(c: Condition, cases: dict[str, list[CaseSide]]) -> Rule:
    return Rule(
        c.id,
        "condition",
        c.text,
        c.citation,
        expr=" ".join(c.expr.split()),
        kind=c.kind.value,
        reading=c.reading,
        applies_to=[r.value for r in c.applies_to or []],
        cases=cases.get(c.id, []),
    )


def policy_view(
    plan: Plan, sources: dict[str, Source], cases: list[Case] | None = None
) -> PolicyView:
    """The policy arranged by source, in the order the policy lists its sources."""
    policy = plan.policy
    by_case = _cases_for(load_cases() if cases is None else cases, policy.id)
    params = [
        Rule(
            p.id,
            "parameter",
            p.text,
            p.citation,
            value=str(p.value),
            reading=p.reading,
            own_alternatives=p.zairyu_own.alternatives if p.zairyu_own else None,
        )
        for p in policy.parameters
    ]
    variables = [
        Rule(v.id, "variable", v.text, v.citation, expr=" ".join(v.expr.split()), reading=v.reading)
        for v in policy.variables
    ]
    rules = [_condition(c, by_case) for c in policy.conditions]
    order = list(policy.sources)
    for rule in [*rules, *params, *variables]:
        if rule.citation is not None and rule.citation.source not in order:
            order.append(rule.citation.source)
    sections = []
    for sid in order:
        cited = [r for r in rules if r.citation is not None and r.citation.source == sid]
        cited += [
            r for r in params + variables if r.citation is not None and r.citation.source == sid
        ]
        if sid in sources:
            sections.append(Section(sources[sid], cited))
    return PolicyView(policy, sections, params, variables)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("zairyu.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _gettext(lang: Lang) -> Callable[[str], str]:
    catalog = translations(lang, DOMAIN)
    return catalog.gettext


def _context(plan: Plan, lang: Lang, catalogue: Catalogue | None) -> dict[str, Any]:
    catalogue = catalogue or default_catalogue()
    view = policy_view(plan, catalogue.sources)
    policy = view.policy
    outcomes = [(o.id, o.rank, o.text, " ".join(o.when.split())) for o in policy.outcomes]
    return {
        "view": view,
        "policy": policy,
        "lang": lang,
        "other": "en" if lang == "ja" else "ja",
        "_": _gettext(lang),
        "day": lambda d: format_day(d, lang),
        "outcomes": outcomes,
        "outcome_text": {o.id: o.text.get(lang) for o in policy.outcomes}
        | {UNDETERMINED: UNDETERMINED_TEXT[lang]},
        "shown_cases": SHOWN_CASES,
    }


@cache
def policy_css() -> str:
    """The styles of the ``<article>`` (``templates/policy-document.css``): a page holding
    ``policy_body`` links them, the standalone document inlines them."""
    return (Path(__file__).parent / "templates" / "policy-document.css").read_text(encoding="utf-8")


def policy_body(plan: Plan, lang: Lang, catalogue: Catalogue | None = None) -> str:
    """The policy document as an HTML fragment (a ``<article>``), for another page to hold;
    its styles are ``policy_css``."""
    template = _environment().get_template("policy.html.j2")
    return template.render(**_context(plan, lang, catalogue), fragment=True)


def policy_html(plan: Plan, lang: Lang, catalogue: Catalogue | None = None) -> str:
    """The policy document as a complete HTML page, with its own styles (no outside resource)."""
    template = _environment().get_template("policy.html.j2")
    return template.render(**_context(plan, lang, catalogue), fragment=False)


def policy_pdf(plan: Plan, lang: Lang, catalogue: Catalogue | None = None) -> bytes:
    """The policy document as PDF (WeasyPrint; the CJK fonts of fonts-noto-cjk)."""
    from weasyprint import HTML  # noqa: PLC0415 - loaded only when a PDF is asked for (slow import)

    pdf: bytes = HTML(string=policy_html(plan, lang, catalogue)).write_pdf()
    return pdf
