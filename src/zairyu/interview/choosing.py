"""The next question: the field that could change the most undetermined results.

For every undetermined person-and-policy result, the engine lists the unknown facts it depends
on (``engine/unknown.py``). Each fact is a column of a member (or of the household); each column
is settled by one or more questions. A question not yet answered (nor answered "don't know") is
a candidate. Candidates are ranked by:

1. how many undetermined results depend on it;
2. how many (result, column) pairs one answer settles (a "none" to convictions settles a dozen
   columns of every result that reads them);
3. cost and sensitivity (a question only a caseworker can judge comes last);
4. staying on the topic and person of the previous question;
5. member order, then the order of the questions table.

A member's legal status is a candidate for every undetermined result while it is not answered:
it can change all of them (a member with a status is not in scope, policies/scope.yaml), yet the
missing-facts walk never reaches it, because an omitted status reads as without status.

The interview stops when no undetermined result has a candidate left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zairyu.engine.assessment import HouseholdAssessment
from zairyu.engine.compiled import UNDETERMINED
from zairyu.interview.assessing import assess_household
from zairyu.interview.questions import BY_COLUMN, BY_PATH, QUESTIONS, Question
from zairyu.interview.state import HOUSEHOLD, Interview, key, split_key

ORDER = {q.path: i for i, q in enumerate(QUESTIONS)}


@dataclass(frozen=True)
class Candidate:
    subject: str  # a member's id, or "household"
    question: Question
    results: int  # undetermined results that depend on it
    settles: int  # (result, column) pairs one answer settles

    @property
    def key(self) -> str:
        return key(self.subject, self.question.path)


@dataclass
class Step:
    """Where the interview stands: the provisional assessment and what to ask next."""

    assessment: HouseholdAssessment
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def next(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def done(self) -> bool:
        return not self.candidates

    def undetermined(self) -> int:
        return sum(
            1 for p in self.assessment.policies for r in p.persons if r.outcome == UNDETERMINED
        )


def _subject(question: Question, person_id: str) -> str:
    return HOUSEHOLD if question.scope == "household" else person_id


def candidates(interview: Interview, assessment: HouseholdAssessment) -> list[Candidate]:
    """Every question that could still change an undetermined result, best first."""
    results: dict[str, set[tuple[str, str]]] = {}
    settles: dict[str, set[tuple[str, str, str]]] = {}
    questions: dict[str, tuple[str, Question]] = {}
    for policy in assessment.policies:
        for person in policy.persons:
            if person.outcome != UNDETERMINED:
                continue
            result = (policy.policy_id, person.person_id)
            for fact in person.missing_facts:
                for question in BY_COLUMN.get(fact.column, ()):
                    subject = _subject(question, fact.person_id)
                    if interview.is_settled(subject, question.path):
                        continue
                    k = key(subject, question.path)
                    questions[k] = (subject, question)
                    results.setdefault(k, set()).add(result)
                    settles.setdefault(k, set()).add((*result, fact.column))
    _add_legal_status(interview, assessment, questions, results, settles)
    return _ranked(interview, questions, results, settles)


def _add_legal_status(
    interview: Interview,
    assessment: HouseholdAssessment,
    questions: dict[str, tuple[str, Question]],
    results: dict[str, set[tuple[str, str]]],
    settles: dict[str, set[tuple[str, str, str]]],
) -> None:
    open_results = {
        (policy.policy_id, person.person_id)
        for policy in assessment.policies
        for person in policy.persons
        if person.outcome == UNDETERMINED
    }
    if not open_results:
        return
    question = BY_PATH["legal_status"]
    for person_id, _role in interview.members:
        if interview.is_settled(person_id, question.path):
            continue
        k = key(person_id, question.path)
        questions[k] = (person_id, question)
        results.setdefault(k, set()).update(open_results)
        settles.setdefault(k, set()).update((*r, "legal_status") for r in open_results)


def _ranked(
    interview: Interview,
    questions: dict[str, tuple[str, Question]],
    results: dict[str, set[tuple[str, str]]],
    settles: dict[str, set[tuple[str, str, str]]],
) -> list[Candidate]:
    member_order = {pid: i for i, (pid, _role) in enumerate(interview.members)}
    member_order[HOUSEHOLD] = len(member_order)
    last_subject, last_topic = "", ""
    if interview.asked:
        last_subject, last_path = split_key(interview.asked[-1])
        last_question = BY_PATH.get(last_path)
        last_topic = last_question.topic if last_question else ""
    found = [
        Candidate(subject, question, len(results[k]), len(settles[k]))
        for k, (subject, question) in questions.items()
    ]
    found.sort(
        key=lambda c: (
            -c.results,
            -c.settles,
            c.question.cost,
            c.question.topic != last_topic,
            c.subject != last_subject,
            member_order.get(c.subject, 0),
            ORDER[c.question.path],
        )
    )
    return found


def step(interview: Interview, as_of: date) -> Step:
    """Assess what is known (without counterfactuals: they are for the assessment page) and
    rank the questions left."""
    assessment = assess_household(interview.household(as_of), as_of, counterfactuals=False)
    return Step(assessment, candidates(interview, assessment))


def needed_answers(interview: Interview, as_of: date) -> set[str]:
    """The answers that matter now: without them some outcome would change, or the question
    would be asked again. Any other answer is no longer needed (greyed on the summary, never
    deleted)."""
    base = _outcomes(step(interview, as_of))
    needed = set()
    for k in interview.answers:
        again = step(interview.without(k), as_of)
        if _outcomes(again) != base or k in {c.key for c in again.candidates}:
            needed.add(k)
    return needed


def _outcomes(current: Step) -> list[str]:
    return [r.outcome for p in current.assessment.policies for r in p.persons]
