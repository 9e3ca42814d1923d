"""Charts of the official figures and of batch or compare results, as PNG and SVG."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import polars as pl
from matplotlib.patches import Rectangle

from zairyu.io.formats import CaseloadFileError, scan
from zairyu.stats.figures import SERIES, figures

matplotlib.use("Agg")
STATUS_COLOURS = {
    "CONFIRMED": "#1b6ca8",
    "SECONDARY": "#5fa8d3",
    "INFERRED": "#9ccfe6",
    "UNCONFIRMED": "#d9d9d9",
}


def _save(fig: object, stem: Path) -> list[Path]:
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    for path in paths:
        fig.savefig(path, dpi=120, bbox_inches="tight", metadata=_metadata(path))  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    return paths


def _metadata(path: Path) -> dict[str, str | None]:
    # Fixed metadata so that the same data gives the same file.
    return {"Date": None} if path.suffix == ".svg" else {"Software": "zairyu"}


def _bars(frame: pl.DataFrame, title: str, stem: Path, ylabel: str) -> list[Path]:
    fig, ax = plt.subplots(figsize=(10, 4.5))
    colours = [STATUS_COLOURS.get(s, "#888888") for s in frame["status"]]
    ax.bar(frame["key"].to_list(), frame["value"].to_list(), color=colours)
    ax.set_title(_latin(title))
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=60)
    handles = [
        Rectangle((0, 0), 1, 1, color=c)
        for s, c in STATUS_COLOURS.items()
        if s in frame["status"].to_list()
    ]
    labels = [s for s in STATUS_COLOURS if s in frame["status"].to_list()]
    ax.legend(handles, labels, title="source status", fontsize=8)
    return _save(fig, stem)


def _latin(title: str) -> str:
    """Charts are drawn in English: a Japanese gloss in brackets is dropped (no CJK font is
    guaranteed where charts are drawn)."""
    return re.sub(r"\s*\([^)]*[\u3040-\u9fff][^)]*\)", "", title)


def official_charts(directory: Path) -> list[Path]:
    """Grants per year and the measure's outcomes (both cohorts)."""
    paths = _bars(figures("grants_per_year"), SERIES["grants_per_year"],
                  directory / "grants-per-year", "persons")  # fmt: skip
    for cohort in ("measure_outcomes_2022_cohort", "measure_outcomes_2024_cohort"):
        paths += _bars(
            figures(cohort),
            SERIES[cohort],
            directory / cohort.replace("_", "-"),
            "children / persons",
        )
    return paths


class ResultsFileError(ValueError):
    """A file that is not a ``zairyu batch`` results or ``zairyu compare`` changes file."""


def outcome_counts(path: Path) -> tuple[str, pl.DataFrame]:
    """The title and the persons per outcome (``key``, ``value``) of a ``zairyu batch``
    results file (outcome column per policy: the first one) or of a ``zairyu compare`` changes
    file (baseline against reform)."""
    try:
        frame = scan(path).collect()
    except CaseloadFileError as error:
        raise ResultsFileError(str(error)) from None
    except pl.exceptions.PolarsError as error:
        raise ResultsFileError(f"{path}: cannot read the file: {error}") from None
    if {"baseline", "reform"} <= set(frame.columns):
        counts = (
            frame.group_by("baseline", "reform").len()
            .select(key=pl.col("baseline") + " -> " + pl.col("reform"), value=pl.col("len"))
        )  # fmt: skip
        return f"Persons whose outcome changes ({path.name})", counts.sort("key")
    column = next((c for c in frame.columns if c == "outcome" or c.endswith(".outcome")), None)
    if column is None:
        raise ResultsFileError(
            f"{path}: not a results file: it has no 'outcome' column (a caseload is charted "
            "after `zairyu batch CASELOAD --out RESULTS`; then use --results RESULTS)"
        )
    counts = frame.group_by(column).len().select(key=pl.col(column), value=pl.col("len"))
    return f"Outcomes ({path.name}, column {column})", counts.sort("key")


def results_chart(path: Path, directory: Path) -> list[Path]:
    """The chart of ``outcome_counts`` in ``directory``."""
    title, counts = outcome_counts(path)
    counts = counts.with_columns(status=pl.lit("computed"))
    return _bars(counts, title, directory / f"{path.stem}-outcomes", "persons")
