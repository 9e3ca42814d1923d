"""The built wheel works on its own: installed into a fresh virtual environment, the commands
find their policies, cases, figures and assumptions (nothing is read from the source tree)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "01-covered-family.json"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("zairyu-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel; its dependencies are taken from this environment's
    site-packages (a path entry, so this environment's editable zairyu is not seen)."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=False)
    site = next(home.glob("lib/python*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    script = home / "bin" / "zairyu"
    script.write_text(
        f"#!{home / 'bin' / 'python'}\nfrom zairyu.cli import main\nmain()\n", encoding="utf-8"
    )
    script.chmod(0o755)
    return home


def _run(home: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(home / "bin" / "zairyu"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_file_of_the_package_is_in_the_wheel(wheel):
    tracked = subprocess.run(
        ["git", "ls-files", "src/zairyu"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {p.removeprefix("src/") for p in tracked}  # modules, migrations and data alike
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    assert sorted(data - shipped) == []


def test_the_installed_package_is_not_the_source_tree(installed, tmp_path):
    probe = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import zairyu; print(zairyu.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(installed) in probe.stdout


def test_the_installed_commands_work_from_anywhere(installed, tmp_path):
    assess = _run(installed, "assess", str(EXAMPLE), "--as-of", "2024-06-10", cwd=tmp_path)
    assert assess.returncode == 0, assess.stderr
    assert "children-2023" in assess.stdout
    explain = _run(installed, "explain", "ground_prison_over_one_year", cwd=tmp_path)
    assert explain.returncode == 0, explain.stderr
    assert "(children-2023/cases/grounds.yaml)" in explain.stdout
    assert "(none stated)" not in explain.stdout
    policies = _run(installed, "policies", cwd=tmp_path)
    assert policies.returncode == 0 and "guidelines-2024" in policies.stdout
    stats = _run(installed, "stats", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    synth = _run(installed, "synth", "--households", "20", "--seed", "1",
                 "--out", str(tmp_path / "c.csv"), cwd=tmp_path)  # fmt: skip
    assert synth.returncode == 0, synth.stderr
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").startswith("household_id")
