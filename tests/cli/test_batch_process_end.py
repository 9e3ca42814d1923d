"""``zairyu batch`` as its own process (``zairyu.cli.RUN_ONCE``): it ends without freeing its
memory, and still exits with the code, the messages, the files and the cache a normal exit
would leave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from zairyu.engine.columnar import frame_from_rows
from zairyu.simulate.synth import synthesise

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "policy.yaml"
PROGRAM = "import sys\nfrom zairyu.cli import main\nsys.argv[0] = 'zairyu'\nmain()\n"


def _zairyu(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, *args],
        env={**os.environ, "ZAIRYU_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("caseload") / "people.parquet"
    frame_from_rows(synthesise(60, seed=5)).write_parquet(path)
    return path


def test_a_batch_ends_with_code_0_its_summary_and_whole_files(people: Path, tmp_path: Path):
    out = tmp_path / "results.parquet"
    done = _zairyu(
        "batch", str(people), "--policy", str(BENCHMARK), "--as-of", "2025-01-01",
        "--out", str(out), cache=tmp_path / "cache",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "persons in" in done.stderr and "benchmark-children: candidate" in done.stderr
    assert pl.read_parquet(out).height == pl.read_parquet(people).height
    assert out.with_suffix(".errors.csv").read_text(encoding="utf-8").startswith("row,")


def test_a_batch_saves_the_expressions_it_parsed_before_it_ends(people: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    done = _zairyu(
        "batch", str(people), "--policy", str(BENCHMARK), "--as-of", "2025-01-01",
        "--out", str(tmp_path / "results.parquet"), cache=cache,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(cache.glob("expressions-*.json"))  # written by an exit handler


def test_a_batch_that_cannot_read_its_file_ends_with_code_2_and_one_line(tmp_path: Path):
    done = _zairyu(
        "batch", str(tmp_path / "missing.parquet"), "--policy", str(BENCHMARK),
        "--as-of", "2025-01-01", "--out", str(tmp_path / "r.parquet"), cache=tmp_path / "c",
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "missing.parquet" in done.stdout + done.stderr


def test_a_batch_asked_for_a_policy_not_in_force_ends_with_its_reason(people: Path, tmp_path):
    done = _zairyu(
        "batch", str(people), "--policy", "children-2023", "--as-of", "2020-01-01",
        "--out", str(tmp_path / "r.parquet"), cache=tmp_path / "c",
    )  # fmt: skip
    assert done.returncode != 0
    assert "children-2023" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
