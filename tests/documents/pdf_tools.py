"""Reading PDFs back as a reader would: their text (pdftotext) and their fonts (pdffonts)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from enum import StrEnum
from pathlib import Path

import pytest

from zairyu.engine.catalogue import default_catalogue
from zairyu.model import kinds
from zairyu.model.columns import COLUMNS

EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples").glob("*.json"))
AS_OF = date(2024, 6, 10)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt-get install poppler-utils",
)


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """One row per font: name, type, emb (yes/no)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(
            ["pdffonts", handle.name], capture_output=True, check=True, text=True
        ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (1-3 words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def raw_codes() -> set[str]:
    """Codes that must never reach paper: column names, vocabulary values and the ids of the
    policies' conditions, outcomes, variables and parameters (those with an underscore, which no
    word of the documents has)."""
    codes = {c for c in COLUMNS if "_" in c}
    for value in vars(kinds).values():
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
            codes |= {m.value for m in value if "_" in m.value}
    for plan in default_catalogue().plans.values():
        codes |= {c.id for c in plan.policy.conditions if "_" in c.id}
        codes |= {o.id for o in plan.policy.outcomes if "_" in o.id}
        codes |= {v.id for v in plan.policy.variables if "_" in v.id}
        codes |= {p.id for p in plan.policy.parameters if "_" in p.id}
    return codes
