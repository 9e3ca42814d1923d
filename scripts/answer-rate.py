"""How often zairyu gives a useful answer on the documented examples (issue 10's measure).

For every example household and every policy in force on --as-of: the share of person-and-
policy results that are determined (strict), or presumptive with at most --max-assumptions
stated assumptions (facts against the person taken as absent). Run from the repository root:

    .venv/bin/python scripts/answer-rate.py --as-of 2025-01-01
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from zairyu.model.problems import load_household
from zairyu.services.assessing import assess_household


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2025-01-01")
    parser.add_argument("--max-assumptions", type=int, default=3)
    parser.add_argument(
        "--list", action="store_true", help="also list each result that is not useful, and why"
    )
    args = parser.parse_args()
    on = date.fromisoformat(args.as_of)
    tally: Counter[str] = Counter()
    blocked: list[str] = []
    for path in sorted(Path("examples").glob("*.json")):
        household = load_household(path.read_text(encoding="utf-8"), str(path))
        for policy in assess_household(household, on, counterfactuals=False).policies:
            for person in policy.persons:
                tally["results"] += 1
                if person.outcome != "undetermined":
                    tally["strict"] += 1
                    continue
                presumed = person.presumptive
                stated = (
                    [a for a in presumed.assumptions if a.weighs == "against"] if presumed else []
                )
                where = f"{path.name} {policy.policy_id} {person.person_id}"
                if presumed and presumed.outcome != "undetermined":
                    key = (
                        "presumptive" if len(stated) <= args.max_assumptions else "presumptive_many"
                    )
                    tally[key] += 1
                    if key == "presumptive_many":
                        facts = ", ".join(f"{a.person_id}:{a.field}" for a in stated)
                        blocked.append(f"{where}: rests on {len(stated)} assumptions ({facts})")
                else:
                    tally["open"] += 1
                    waits = presumed.missing_facts if presumed else person.missing_facts
                    facts = ", ".join(sorted({f"{f.person_id}:{f.field}" for f in waits}))
                    blocked.append(f"{where}: waits on {facts}")
    useful = tally["strict"] + tally["presumptive"]
    print(f"as of {on}: {tally['results']} person-and-policy results on the examples")
    print(f"  determined (strict):                      {tally['strict']}")
    print(
        f"  presumptive, <= {args.max_assumptions} stated assumptions:       {tally['presumptive']}"
    )
    print(f"  presumptive, more assumptions:            {tally['presumptive_many']}")
    print(f"  no indication yet:                        {tally['open']}")
    print(f"  useful: {useful} of {tally['results']} = {100 * useful / tally['results']:.0f} %")
    if args.list:
        print("not useful:")
        for line in blocked:
            print(f"  {line}")


if __name__ == "__main__":
    main()
