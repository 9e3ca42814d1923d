"""The commands a maintainer runs, from set-up to export, as a user would."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, update
from store_fixtures import make_accounts, make_actor
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.store.cases import Cases
from zairyu.store.tables import AuditEntry, AuditHead


@pytest.fixture
def run(empty_db, monkeypatch):
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", empty_db.url)
    monkeypatch.setenv("ZAIRYU_AUDIT_KEY_FILE", str(empty_db.audit_key_file))
    runner = CliRunner()

    def invoke(*args, stdin=None):
        return runner.invoke(app, list(args), input=stdin)

    return invoke


def test_setting_up_an_organisation_and_its_first_user(run):
    assert run("db", "upgrade").exit_code == 0
    assert run("org", "add", "Sanctuary Legal").exit_code == 0
    added = run(
        "user",
        "add",
        "aiko",
        "--org",
        "Sanctuary Legal",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    token = run("user", "token", "aiko", "--org", "Sanctuary Legal")
    assert token.exit_code == 0 and token.output.startswith("zt_")


def _add(run, org, username, role="caseworker"):
    args = ("user", "add", username, "--org", org, "--role", role, "--password-stdin")
    added = run(*args, stdin="a long enough password\n")
    assert added.exit_code == 0, added.output


def test_the_same_username_in_two_organisations_is_two_users_each_named_with_its_org(run):
    run("org", "add", "Sanctuary Legal")
    run("org", "add", "Harbour Support")
    _add(run, "Sanctuary Legal", "aiko", "admin")
    _add(run, "Harbour Support", "aiko", "reviewer")
    again = run(
        "user",
        "add",
        "aiko",
        "--org",
        "Harbour Support",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert again.exit_code == 2 and "taken in your organisation" in again.output
    assert run("user", "token", "aiko").exit_code == 2  # --org is required
    wrong = run("user", "token", "aiko", "--org", "Nowhere")
    assert wrong.exit_code == 2 and "no user 'aiko' in organisation 'Nowhere'" in wrong.output
    assert run("user", "token", "aiko", "--org", "Harbour Support").output.startswith("zt_")


def test_audit_show_by_user_is_scoped_to_the_organisation_named(run):
    run("org", "add", "Sanctuary Legal")
    run("org", "add", "Harbour Support")
    _add(run, "Sanctuary Legal", "aiko", "admin")
    _add(run, "Harbour Support", "aiko", "admin")
    run("user", "token", "aiko", "--org", "Harbour Support", "--name", "harbour laptop")
    unscoped = run("audit", "show", "--user", "aiko")
    assert unscoped.exit_code == 2 and "--user needs --org" in unscoped.output
    ours = run("audit", "show", "--org", "Sanctuary Legal", "--user", "aiko")
    theirs = run("audit", "show", "--org", "Harbour Support", "--user", "aiko")
    assert ours.exit_code == theirs.exit_code == 0
    assert " create api_token " in theirs.output and " create api_token " not in ours.output
    unknown = run("audit", "show", "--org", "Nowhere")
    assert unknown.exit_code == 2 and "no organisation 'Nowhere'" in unknown.output


def test_a_short_password_or_unknown_organisation_is_refused_clearly(run):
    run("org", "add", "Org")
    short = run("user", "add", "ben", "--org", "Org", "--password-stdin", stdin="short\n")
    assert short.exit_code == 2 and "at least 12" in short.output
    unknown = run(
        "user", "add", "ben", "--org", "Nope", "--password-stdin", stdin="long enough pw!\n"
    )
    assert unknown.exit_code == 2 and "no organisation" in unknown.output


def test_export_then_import_into_another_organisation_refuses_duplicate_ids(run, tmp_path):
    run("org", "add", "A")
    run("org", "add", "B")
    out = tmp_path / "a.json"
    assert run("export", "--org", "A", "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text())["format"] == "zairyu-cases/1"
    imported = run("import", str(out), "--org", "B")
    assert imported.exit_code == 0 and "imported 0 cases" in imported.output


def test_export_leaves_display_names_out_unless_with_display_names_is_given(
    run, empty_db, tmp_path
):
    run("org", "add", "Named")
    org_id = make_accounts(empty_db).org_id("Named")
    household = {
        "id": "h1",
        "members": [{"id": "p1", "role": "parent", "display_name": "Sato Ken"}],
    }
    Cases(empty_db).create(make_actor(empty_db, org_id=org_id), "R-1", household)
    plain, named = tmp_path / "plain.json", tmp_path / "named.json"
    assert run("export", "--org", "Named", "--out", str(plain)).exit_code == 0
    assert (
        run("export", "--org", "Named", "--out", str(named), "--with-display-names").exit_code == 0
    )
    assert "Sato Ken" not in plain.read_text(encoding="utf-8")
    assert "Sato Ken" in named.read_text(encoding="utf-8")


def test_audit_verify_passes_and_then_catches_a_tampered_row(run, empty_db):
    run("org", "add", "A")
    assert run("audit", "verify").exit_code == 0
    with empty_db.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(action="nothing"))
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert "entry 1 was altered" in result.output


def test_a_checkpoint_catches_the_newest_entries_removed_with_the_head_set_back(
    run, empty_db, tmp_path
):
    run("org", "add", "A")
    run("org", "add", "B")
    anchor = tmp_path / "checkpoint.json"
    assert run("audit", "checkpoint", "--out", str(anchor)).exit_code == 0
    assert run("audit", "verify", "--checkpoint", str(anchor)).exit_code == 0
    with empty_db.engine.begin() as c:
        last = c.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
        c.execute(delete(AuditEntry).where(AuditEntry.seq == last))
        kept = c.scalar(select(AuditEntry.hash).where(AuditEntry.seq == last - 1))
        c.execute(update(AuditHead).values(seq=last - 1, hash=kept))
    result = run("audit", "verify", "--checkpoint", str(anchor))
    assert result.exit_code == 1
    assert "truncated" in result.output


def test_audit_show_lists_entries_by_user_without_record_data(run):
    run("org", "add", "Sanctuary Legal")
    run(
        "user",
        "add",
        "aiko",
        "--org",
        "Sanctuary Legal",
        "--role",
        "admin",
        "--password-stdin",
        stdin="correct horse battery staple\n",
    )
    shown = run("audit", "show")
    assert shown.exit_code == 0
    assert " create organisation " in shown.output and " create user " in shown.output
    assert "Sanctuary Legal" not in shown.output
    nobody = run("audit", "show", "--org", "Sanctuary Legal", "--user", "nobody")
    assert nobody.output.strip() == "0 entries"
    assert run("audit", "show", "--since", "yesterday").exit_code == 2
    too_early = run("audit", "show", "--until", "0001-01-01T00:00:00+03:00")
    assert too_early.exit_code == 2 and "between the years 1900 and 9000" in too_early.output


def test_the_audit_commands_say_clearly_when_the_key_is_missing(run, monkeypatch, tmp_path):
    run("org", "add", "A")
    monkeypatch.setenv("ZAIRYU_AUDIT_KEY_FILE", str(tmp_path / "elsewhere.key"))
    result = run("audit", "verify")
    assert result.exit_code == 2
    assert "audit key" in result.output and "missing" in result.output


def test_db_upgrade_creates_the_audit_key_once_and_says_where(monkeypatch, tmp_path):
    key = tmp_path / "keys" / "audit.key"
    monkeypatch.setenv("ZAIRYU_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    monkeypatch.setenv("ZAIRYU_AUDIT_KEY_FILE", str(key))
    runner = CliRunner()
    first = runner.invoke(app, ["db", "upgrade"])
    assert first.exit_code == 0 and f"created the audit key {key}" in first.output
    assert key.stat().st_mode & 0o777 == 0o600
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and "created" not in again.output
