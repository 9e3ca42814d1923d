"""`zairyu import` of a file that is not a whole export: one line naming the file and what is
wrong with it, exit code 2, nothing imported; an export with a byte order mark is read."""

from __future__ import annotations

import codecs

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

RUNNER = CliRunner()


@pytest.fixture
def exported(empty_db, monkeypatch, tmp_path):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", empty_db.url)
    monkeypatch.setenv("ZAIRYU_AUDIT_KEY_FILE", str(empty_db.audit_key_file))
    assert RUNNER.invoke(app, ["org", "add", "A"]).exit_code == 0
    out = tmp_path / "a.json"
    assert RUNNER.invoke(app, ["export", "--org", "A", "--out", str(out)]).exit_code == 0
    return out


def _refused(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output and "Error" not in result.output
    for needle in needles:
        assert needle in result.output, result.output


def _import(path) -> object:
    return RUNNER.invoke(app, ["import", str(path), "--org", "A"])


def test_a_truncated_export_is_refused_saying_it_was_cut_short(exported):
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) // 2])
    _refused(
        _import(exported), str(exported), "not a complete export", "line ", "export the cases again"
    )


def test_an_export_that_is_not_utf8_is_refused_naming_the_byte(exported):
    exported.write_bytes(b'{"format": "zairyu-cases/1", "x": "\xff\xfe"}')
    _refused(_import(exported), "byte 36 is not UTF-8")


def test_an_export_cut_inside_a_japanese_character_is_refused_as_not_utf8(exported):
    exported.write_bytes('{"reference": "山田'.encode()[:-1])
    _refused(_import(exported), "is not UTF-8")


def test_a_missing_export_or_a_folder_is_refused(exported, tmp_path):
    _refused(_import(tmp_path / "nope.json"), "no such file")
    _refused(_import(tmp_path), "is a folder")


def test_an_export_with_a_byte_order_mark_is_imported(exported):
    exported.write_bytes(codecs.BOM_UTF8 + exported.read_bytes())
    result = _import(exported)
    assert result.exit_code == 0, result.output
    assert "imported 0 cases" in result.output
