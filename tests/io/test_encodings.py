"""Caseload files as Japanese offices have them: UTF-8 with or without BOM, or CP932 (the
Shift_JIS that Japanese Excel saves); any other encoding is refused with how to re-save it."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.io.encoding import CP932, UTF8, UTF8_BOM, detect
from zairyu.io.formats import CaseloadFileError, read_source
from zairyu.services.batch import run_batch

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = date(2024, 6, 10)
PLAN = default_catalogue().get("children-2023")
RUNNER = CliRunner()
TEXT = (
    "household_id,person_id,role,nationality\n"
    "山田家,山田家-1,parent,ベトナム\n山田家,山田家-2,child,\n"
)


def _file(tmp_path: Path, data: bytes, name: str = "caseload.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), UTF8),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), UTF8_BOM),
        (TEXT.replace("\n", "\r\n").encode("cp932"), CP932),
    ],
    ids=["utf-8", "utf-8 with BOM", "cp932"],
)
def test_a_csv_in_each_encoding_offices_use_is_read_the_same(tmp_path, data, encoding):
    path = _file(tmp_path, data)
    source = read_source(path)
    assert source.encoding == encoding
    frame = source.frame.collect()
    assert frame.columns == ["household_id", "person_id", "role", "nationality"]
    assert frame["person_id"].to_list() == ["山田家-1", "山田家-2"]
    assert frame["nationality"].to_list() == ["ベトナム", None]


def test_a_json_lines_file_with_a_bom_is_read(tmp_path):
    lines = [{"household_id": "山田家", "person_id": "p1", "role": "parent"}]
    text = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    source = read_source(_file(tmp_path, codecs.BOM_UTF8 + text.encode(), "c.jsonl"))
    assert source.encoding == UTF8_BOM
    assert source.frame.collect()["household_id"].to_list() == ["山田家"]


def test_a_json_lines_file_in_cp932_is_read(tmp_path):
    line = {"household_id": "鈴木家", "person_id": "p1", "role": "parent"}
    data = json.dumps(line, ensure_ascii=False).encode("cp932") + b"\n"
    source = read_source(_file(tmp_path, data, "c.jsonl"))
    assert source.encoding == CP932
    assert source.frame.collect()["household_id"].to_list() == ["鈴木家"]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (TEXT.encode("utf-16"), "UTF-16"),
        ("household_id,person_id,role\nh1,p1,parent\nh2,p2,enfant\x81\xfe".encode("latin-1"), ""),
        (TEXT.encode("euc_jp") + b"\xff", ""),
        ("household_id,person_id,role,nationality\nh1,p1,parent,España\n".encode("cp1252"), ""),
    ],
    ids=["utf-16", "latin-1", "not even euc-jp", "windows-1252 that cp932 would decode"],
)
def test_another_encoding_is_refused_with_how_to_resave_the_file(tmp_path, data, said):
    path = _file(tmp_path, data)
    with pytest.raises(CaseloadFileError) as refused:
        read_source(path)
    message = str(refused.value)
    assert "名前を付けて保存" in message and "CSV UTF-8" in message
    assert said in message
    assert "\n" not in message


def test_utf8_is_chosen_for_a_file_that_is_only_ascii(tmp_path):
    assert detect(_file(tmp_path, b"household_id,person_id,role\nh1,p1,parent\n")) == UTF8


def test_the_shift_jis_example_is_assessed_like_the_utf8_example(tmp_path):
    sjis, utf8 = EXAMPLES / "caseload-sjis.csv", EXAMPLES / "caseload.csv"
    assert detect(sjis) == CP932
    for source in (sjis, utf8):
        run_batch(source, tmp_path / f"{source.stem}.csv", [PLAN], AS_OF, errors=tmp_path / "e.csv")
        assert pl.read_csv(tmp_path / "e.csv").height == 0
    from_sjis = pl.read_csv(tmp_path / "caseload-sjis.csv", infer_schema=False)
    from_utf8 = pl.read_csv(tmp_path / "caseload.csv", infer_schema=False)
    households = from_sjis["household_id"].unique(maintain_order=True).to_list()
    assert households[:2] == ["山田家", "佐藤家"]
    assert from_sjis["outcome"].to_list() == from_utf8["outcome"].to_list()


def test_batch_says_which_encoding_it_read(tmp_path):
    result = RUNNER.invoke(
        app,
        ["batch", str(EXAMPLES / "caseload-sjis.csv"), "--out", str(tmp_path / "r.csv"),
         "--as-of", "2024-06-10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "read as CP932 (Shift_JIS)" in result.output


def test_compare_says_which_encoding_it_read(tmp_path):
    reform = sorted((EXAMPLES / "reforms").glob("*.yaml"))[0]
    result = RUNNER.invoke(
        app,
        ["compare", str(EXAMPLES / "caseload-sjis.csv"), "--reform", str(reform),
         "--as-of", "2024-06-10", "--changes", str(tmp_path / "ch.csv")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "read as CP932 (Shift_JIS)" in result.output


def test_batch_refuses_a_file_in_another_encoding_with_exit_2(tmp_path):
    path = _file(tmp_path, TEXT.encode("utf-16"))
    result = RUNNER.invoke(app, ["batch", str(path), "--out", str(tmp_path / "r.csv")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "CSV UTF-8" in result.output
    assert "Traceback" not in result.output


def test_compare_refuses_a_file_in_another_encoding_with_exit_2(tmp_path):
    path = _file(tmp_path, TEXT.encode("utf-16"))
    reform = sorted((EXAMPLES / "reforms").glob("*.yaml"))[0]
    result = RUNNER.invoke(app, ["compare", str(path), "--reform", str(reform)])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "名前を付けて保存" in result.output
