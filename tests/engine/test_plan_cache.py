"""Compiled policies kept between runs (``zairyu.engine.plan_cache``): what is read back is what
compiling gives, and nothing older is ever read back."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.engine.fresh_process import imported_after
from zairyu.engine import catalogue, plan_cache
from zairyu.engine.catalogue import build_catalogue
from zairyu.engine.columnar import frame_from_rows
from zairyu.services.errors import PolicyChoiceError
from zairyu.services.plans import choose_plans
from zairyu.simulate.synth import synthesise

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "policy.yaml"
AS_OF = date(2025, 1, 1)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", str(folder))
    return folder


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    for name in ("policy", "source", "parameters", "steps", "outcomes", "actions", "deps"):
        assert getattr(a, name) == getattr(b, name), name


def test_the_catalogue_read_back_is_the_catalogue_compiled(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = catalogue.default_catalogue.__wrapped__  # without the once-per-process memo
    built = read()
    assert list(cache.glob("plans-catalogue-*.pickle"))
    monkeypatch.setattr(catalogue, "build_catalogue", lambda: pytest.fail("compiled again"))
    again = read()
    assert sorted(again.plans) == sorted(built.plans) == sorted(build_catalogue().plans)
    for policy_id, plan in built.plans.items():
        _same(again.plans[policy_id], plan)
    assert again.sources == built.sources


def test_an_edited_policy_file_is_compiled_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    text = BENCHMARK.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    (first,) = choose_plans([str(path)], AS_OF)
    path.write_text(text.replace("value: 18", "value: 20", 1), encoding="utf-8")
    (second,) = choose_plans([str(path)], AS_OF)
    assert first.parameters["age_limit"] == 18
    assert second.parameters["age_limit"] == 20
    assert len(list(cache.glob("plans-file-*.pickle"))) == 1  # the older plan is removed


def test_a_policy_file_with_a_mistake_is_refused_on_every_run(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    text = BENCHMARK.read_text(encoding="utf-8")
    path.write_text(text.replace("years_between(birth_date, as_of)", "years_between(birth)"))
    for _ in range(2):
        with pytest.raises(PolicyChoiceError, match="unknown variable 'birth'"):
            choose_plans([str(path)], AS_OF)
    assert not list(cache.glob("plans-*.pickle"))


def test_a_kept_plan_that_cannot_be_read_back_is_compiled_again(
    cache: Path, tmp_path: Path
) -> None:
    choose_plans([str(BENCHMARK)], AS_OF)
    (kept,) = cache.glob("plans-file-*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a full disk
    (plan,) = choose_plans([str(BENCHMARK)], AS_OF)
    assert plan.id == "benchmark-children"


def test_a_changed_module_of_zairyu_changes_what_is_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "zairyu"
    for folder in plan_cache.COMPILED_FROM:
        shutil.copytree(plan_cache.PACKAGE / folder, package / folder)
    monkeypatch.setattr(plan_cache, "PACKAGE", package)
    plan_cache._code_digest.cache_clear()
    before = plan_cache._code_digest()
    module = package / "engine" / "columnar.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    plan_cache._code_digest.cache_clear()
    assert plan_cache._code_digest() != before
    plan_cache._code_digest.cache_clear()


def test_a_run_that_reads_a_kept_plan_does_not_import_the_household_model(tmp_path: Path) -> None:
    code = (
        "from datetime import date\n"
        "from zairyu.services.plans import choose_plans\n"
        f"choose_plans([{str(BENCHMARK)!r}], date(2025, 1, 1))"
    )
    folder = tmp_path / "cache"
    # compiled: the law's facts are converted through the model; read back: not imported
    assert imported_after(code, "zairyu.model.household", folder)
    assert not imported_after(code, "zairyu.model.household", folder)


def test_a_plan_read_back_reads_its_definitions_only_when_asked(tmp_path: Path) -> None:
    choose = (
        "from datetime import date\n"
        "from zairyu.services.plans import choose_plans\n"
        f"(plan,) = choose_plans([{str(BENCHMARK)!r}], date(2025, 1, 1))\n"
    )
    folder = tmp_path / "cache"
    assert imported_after(choose, "pydantic", folder)  # compiled, and kept
    assert not imported_after(choose + "assert plan.id == 'benchmark-children'", "pydantic", folder)
    asked = choose + (
        "assert plan.policy.id == plan.id\n"
        "assert [s.definition.id for s in plan.steps] == [s.name for s in plan.steps]\n"
        "assert [o.definition.id for o in plan.outcomes] == [o.id for o in plan.outcomes]\n"
    )
    assert imported_after(asked, "pydantic", folder)


def test_a_batch_over_a_kept_plan_imports_neither_pydantic_nor_the_policy_schema(
    tmp_path: Path,
) -> None:
    people = tmp_path / "people.parquet"
    frame_from_rows(synthesise(40, seed=3)).write_parquet(people)
    argv = ["zairyu", "batch", str(people), "--policy", str(BENCHMARK), "--as-of", "2025-01-01"]
    argv += ["--out", str(tmp_path / "results.parquet")]
    code = f"sys.argv = {argv!r}\nfrom zairyu.cli import main\nmain()\n"
    folder = tmp_path / "cache"
    assert imported_after(code, "pydantic", folder)  # the first run compiles the policy
    for module in ("pydantic", "zairyu.policies.schema", "sqlglot", "yaml"):
        assert not imported_after(code, module, folder), module
