"""Where the policy files are, and the error for one that cannot be used: importable without
the policy schema (a batch over a warm cache reads no policy file, but lists and names them)."""

from __future__ import annotations

from pathlib import Path

POLICY_DIR = Path(__file__).parent
SOURCES_FILE = POLICY_DIR / "sources.yaml"
POLICY_FILE = "policy.yaml"


class PolicyFileError(ValueError):
    """A policy or registry file that cannot be used."""

    def __init__(self, source: str, item: str, problem: str) -> None:
        self.source, self.item, self.problem = source, item, problem
        super().__init__(f"{source}: {item}: {problem}")


def policy_files(directory: Path = POLICY_DIR) -> list[Path]:
    """The policy files of a directory: ``<id>/policy.yaml``, one folder per policy, with its
    scenario cases in ``<id>/cases/``. A folder of loose files (tests, reforms) is read as
    every YAML file except the source registry."""
    folders = sorted(directory.glob(f"*/{POLICY_FILE}"))
    return folders or sorted(p for p in directory.glob("*.yaml") if p.name != SOURCES_FILE.name)
