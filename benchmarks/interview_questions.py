"""Questions the guided interview asks per example household, against a full form.

    python -m benchmarks.interview_questions [--as-of 2025-06-01]

Each example household is screened from nothing known but its members: every question is
answered from the household's own facts ("don't know" where the file leaves a fact unknown),
until no undetermined result has a question left. The full form is every question of the
table for every member (and the household's own).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from zairyu.interview.measure import count_questions, known_value
from zairyu.interview.questions import QUESTIONS

EXAMPLES = Path(__file__).parent.parent / "examples"


def filled(household: dict) -> int:
    """The question fields the file itself fills (a form asking only what this file holds)."""
    subjects = [m["id"] for m in household["members"]]
    return sum(
        1
        for q in QUESTIONS
        for s in (subjects if q.scope == "person" else ["household"])
        if known_value(household, s, q.path) is not None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2025-06-01", help="Assessment date (YYYY-MM-DD).")
    on = date.fromisoformat(parser.parse_args().as_of)
    print(f"As of {on}.\n")
    print(
        "| household | members | questions asked | of which don't know | full form | share "
        "| fields the file fills | undetermined at the end |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    shares = []
    for path in sorted(EXAMPLES.glob("*.json")):
        household = json.loads(path.read_text(encoding="utf-8"))
        c = count_questions(household, on)
        shares.append(c.share)
        print(f"| {path.stem} | {c.members} | {c.asked} | {c.dont_know} | {c.full_form} | "
              f"{c.share:.0%} | {filled(household)} | {c.undetermined_left} |")  # fmt: skip
    print(
        f"\nAverage share of the full form: {sum(shares) / len(shares):.0%} (target: at most 40 %)."
    )


if __name__ == "__main__":
    main()
