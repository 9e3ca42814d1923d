"""YAML files read through the cache (``zairyu.yaml_files``) hold what PyYAML reads in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

import zairyu
from zairyu.yaml_files import YamlError, read_yaml

PACKAGE = Path(zairyu.__file__).parent
SHIPPED = sorted(PACKAGE.rglob("*.yaml"))


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", str(folder))
    return folder


def test_every_shipped_yaml_file_reads_the_same_from_the_cache_as_from_pyyaml(cache: Path) -> None:
    assert len(SHIPPED) > 10
    for path in SHIPPED:
        assert read_yaml(path) == _yaml(path), path  # read as YAML, and cached
    # all but the synthetic caseload's assumptions, whose keys are numbers (read as YAML each time)
    assert len(list(cache.glob("yaml-*.json"))) == len(SHIPPED) - 1
    for path in SHIPPED:
        assert read_yaml(path) == _yaml(path), path  # read from the cache


def test_dates_come_back_as_dates(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text("effective_from: 2024-06-10\nlist: [2023-08-04, text]\n", encoding="utf-8")
    read_yaml(path)
    again = read_yaml(path)
    assert again == {"effective_from": date(2024, 6, 10), "list": [date(2023, 8, 4), "text"]}


def test_an_edited_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    assert read_yaml(path) == {"value": 1}
    path.write_text("value: 2\n", encoding="utf-8")
    assert read_yaml(path) == {"value": 2}
    assert len(list(cache.glob("yaml-*.json"))) == 1  # the older copy is removed


def test_a_file_json_cannot_carry_is_read_as_yaml_every_time(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("1: one\nat: 2024-06-10 10:00:00\n", encoding="utf-8")
    assert read_yaml(path) == _yaml(path)
    assert read_yaml(path) == _yaml(path)
    assert not list(cache.glob("yaml-*.json"))


def test_a_cached_copy_that_is_not_json_is_ignored(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    read_yaml(path)
    (copy,) = cache.glob("yaml-*.json")
    copy.write_text("{not json", encoding="utf-8")
    assert read_yaml(path) == {"value": 1}


def test_a_file_that_is_not_yaml_is_refused_with_pyyamls_message(
    cache: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(YamlError, match="flow sequence"):
        read_yaml(path)


def test_without_a_cache_folder_files_are_read_as_yaml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", "")
    path = tmp_path / "rules.yaml"
    path.write_text("value: 1\n", encoding="utf-8")
    assert read_yaml(path) == {"value": 1}
