"""The policy as a document: ordered by source, each rule with its words, expression and cases."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from zairyu.cli.app import app
from zairyu.engine.catalogue import default_catalogue
from zairyu.report.policy_document import policy_body, policy_html, policy_pdf, policy_view

CATALOGUE = default_catalogue()
POLICIES = sorted(CATALOGUE.plans)


@pytest.mark.parametrize("policy_id", POLICIES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_document_shows_every_condition_with_its_expression(policy_id, lang):
    plan = CATALOGUE.get(policy_id)
    html = policy_html(plan, lang)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in html
    for condition in plan.policy.conditions:
        assert f'id="condition-{condition.id}"' in html
    assert "Noto Sans CJK JP" in html
    assert "http-equiv" not in html and "<script" not in html and "<link" not in html


def test_the_document_follows_the_order_of_the_policys_sources():
    plan = CATALOGUE.get("children-2023")
    view = policy_view(plan, CATALOGUE.sources)
    listed = [s.source.id for s in view.sections][: len(plan.policy.sources)]
    assert listed == list(plan.policy.sources)


def test_a_quote_is_shown_verbatim_and_marked_japanese():
    plan = CATALOGUE.get("children-2023")
    html = policy_body(plan, "en")
    assert '<blockquote lang="ja">①不法入国・不法上陸</blockquote>' in html
    assert html.lstrip().startswith("<article")


def test_each_condition_lists_the_cases_on_each_side_with_their_expected_outcome():
    plan = CATALOGUE.get("children-2023")
    html = policy_body(plan, "en")
    section = html.split('id="condition-ground_illegal_entry"')[1].split("</section>")[0]
    holds, fails = section.split("Cases where it does not hold")
    assert "A parent who entered Japan illegally has ground (1)" in holds
    assert "overstayed has no ground" in fails
    assert "Outside the measure" in holds


def test_the_japanese_document_uses_japanese_headings():
    html = policy_body(CATALOGUE.get("act-50-2024"), "ja")
    assert "形式化していない事項" in html and "zairyu の読み方" in html
    assert not re.search(r">status:|>kind:|>role:", html)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_the_pdf_embeds_the_japanese_sans_and_serif_fonts(tmp_path):
    path = tmp_path / "act-50.pdf"
    path.write_bytes(policy_pdf(CATALOGUE.get("act-50-2024"), "ja"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "Noto-Sans-CJK-JP" in fonts.stdout
    assert "Noto-Serif-CJK-JP" in fonts.stdout  # the quotes


def test_policy_show_writes_the_html_document(tmp_path):
    out = tmp_path / "children.html"
    result = CliRunner().invoke(
        app, ["policy", "show", "children-2023", "--lang", "en", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert 'id="condition-child_born_in_japan"' in out.read_text(encoding="utf-8")


def test_policy_show_names_an_unknown_policy_or_language_in_one_line(tmp_path):
    out = tmp_path / "x.html"
    unknown = CliRunner().invoke(app, ["policy", "show", "nope", "--out", str(out)])
    assert unknown.exit_code == 2 and "no policy 'nope'" in unknown.output
    bad = CliRunner().invoke(
        app, ["policy", "show", "children-2023", "--lang", "fr", "--out", str(out)]
    )
    assert bad.exit_code == 2 and "language 'fr'" in bad.output
    assert not out.exists()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_parameter_that_is_zairyus_own_number_says_so_with_its_alternatives(lang):
    plan = CATALOGUE.get("guidelines-2024")
    html = policy_body(plan, lang)
    own = [p for p in plan.policy.parameters if p.zairyu_own is not None]
    assert own, "guidelines-2024 has zairyu's own weights and margin"
    label = str(escape("zairyu 独自の数値" if lang == "ja" else "zairyu's own number"))
    for parameter in own:
        section = html.split(f'id="parameter-{parameter.id}"', 1)[1].split("</section>", 1)[0]
        assert label in section, parameter.id
        for alternative in parameter.zairyu_own.alternatives:
            assert f"<code>{alternative}</code>" in section
    sourced = next(p for p in plan.policy.parameters if p.zairyu_own is None)
    section = html.split(f'id="parameter-{sourced.id}"', 1)[1].split("</section>", 1)[0]
    assert label not in section
