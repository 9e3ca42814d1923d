"""Time to typeset the assessment memo (issue 12): first in a fresh process, warm, and for a
12-person household; each beside its peers in the same run (the HTML it is typeset from, and
the plain-text explanation of the same assessment), as ratios.

Run: .venv/bin/python benchmarks/documents.py [--runs N]

Not a test: timings never gate CI. Wall time and CPU time are both printed, because the
machine may be shared; the ratios use CPU time.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from zairyu.documents.build import assessed, memo
from zairyu.documents.words import Words
from zairyu.report.explanation import render_text

AS_OF = date(2024, 6, 10)
ROOT = Path(__file__).parents[1]
FAMILY = ROOT / "examples" / "01-covered-family.json"

FIRST = """
import time, sys
from datetime import date
from pathlib import Path
wall, cpu = time.perf_counter(), time.process_time()
from zairyu.documents.build import assessed, memo
from zairyu.documents.words import Words
path = Path(sys.argv[1])
household, assessment = assessed(path.read_text(encoding="utf-8"), str(path), date(2024, 6, 10))
memo(household, assessment, Words("ja")).pdf()
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def twelve_persons() -> str:
    """Example 01 (two parents, two children) with eight more children: 12 persons."""
    raw = json.loads(FAMILY.read_text(encoding="utf-8"))
    child = raw["members"][3]
    for n in range(3, 11):
        extra = copy.deepcopy(child)
        extra["id"] = f"c{n}"
        extra["date_of_birth"] = f"{2008 + n % 8}-0{1 + n % 9}-15"
        raw["members"].append(extra)
    raw["id"] = "h-12"
    return json.dumps(raw)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds over ``runs`` calls (after one warm-up call)."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def first_in_process(runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FIRST, str(FAMILY)], capture_output=True, text=True, check=True
        )
        wall, cpu = (float(x) for x in done.stdout.split())
        samples.append((wall, cpu))
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def page_count(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(
        next(line.split()[-1] for line in info.decode().splitlines() if line.startswith("Pages:"))
    )


def rows(text: str, source: str, runs: int) -> list[tuple[str, float, float]]:
    household, assessment = assessed(text, source, AS_OF)
    document = memo(household, assessment, Words("ja"))
    pages = page_count(document.pdf())
    name = f"{household.id} ({len(household.members)} persons, {pages} pages)"
    return [
        (f"{name}: PDF memo, warm", *timed(document.pdf, runs)),
        (
            f"{name}: HTML of the memo",
            *timed(lambda: memo(household, assessment, Words("ja")).html(), runs),
        ),
        (f"{name}: text explanation", *timed(lambda: render_text(assessment, "ja"), runs)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    results = [("h-01: PDF memo, first in a fresh process", *first_in_process(3))]
    results += rows(FAMILY.read_text(encoding="utf-8"), str(FAMILY), runs)
    results += rows(twelve_persons(), "twelve persons", max(2, runs // 2))
    print(f"runs: {runs} (warm), 3 fresh processes (first)\n")
    print("| case | wall s | CPU s | CPU ratio to the warm h-01 PDF |\n|---|---|---|---|")
    warm = results[1][2]
    for name, wall, cpu in results:
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {cpu / warm:.3g} |")


if __name__ == "__main__":
    main()
