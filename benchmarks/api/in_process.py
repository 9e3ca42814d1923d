"""The API's default request in process, step by step: the household's validation, the
assessment (``assess_household``: checks, every policy in force, the presumptive level,
counterfactuals) and the answer written four ways (``zairyu.engine.texts.assessment_json``:
as it is, ``?lang=en``, ``?texts=reference``, both), with the answer's bytes.

    .venv/bin/python -m benchmarks.api.in_process [--rounds 7] [--requests 100]

CPU µs per step (``time.process_time``), medians and min–max over the rounds, the steps
interleaved round by round, and the load average. To compare two commits, run it with each
one's ``src`` first on ``PYTHONPATH`` (``git archive COMMIT src | tar -x -C DIR``). Numbers
belong here and in docs/benchmarks.md, never in tests.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from benchmarks.api.request import default_request
from benchmarks.measure import Sample, interleave, load_average, spread, time_call

from zairyu.model.household import Household
from zairyu.services.assessing import assess_household


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    body, household, on = default_request()
    result = assess_household(household, on)
    steps: dict[str, Callable[[], object]] = {
        "validate the household": lambda: Household.model_validate(body["household"]),
        "assess_household": lambda: assess_household(household, on),
    }
    sizes: dict[str, int] = {}
    try:
        assessment_json = importlib.import_module("zairyu.engine.texts").assessment_json
    except ImportError:  # a commit before the answer could be shaped
        steps["answer as it is"] = result.to_json
        sizes["answer as it is"] = len(result.to_json())
    else:
        for name, lang, by_reference in (
            ("answer as it is", None, False),
            ("answer ?lang=en", "en", False),
            ("answer ?texts=reference", None, True),
            ("answer ?lang=en&texts=reference", "en", True),
        ):

            def write(lang: str | None = lang, by_reference: bool = by_reference) -> bytes:
                content: bytes = assessment_json(result, lang, by_reference=by_reference)
                return content

            steps[name] = write
            sizes[name] = len(write())

    def task(step: Callable[[], object]) -> Callable[[], Sample]:
        return lambda: time_call(step, args.requests)

    before = load_average()
    samples = interleave({name: task(step) for name, step in steps.items()}, args.rounds)
    print(f"load average before {before}, after {load_average()}")
    for name, runs in samples.items():
        cpu = spread([s.cpu_s * 1e6 for s in runs], 1)
        size = f"  {sizes[name]:,} bytes" if name in sizes else ""
        print(f"{name:34} {cpu['median']:>9} µs ({cpu['min']}–{cpu['max']}){size}")


if __name__ == "__main__":
    main()
