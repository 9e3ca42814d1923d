"""Bar charts as SVG shapes computed on the server: no script, no inline style, the labels in
the page's language (the template writes them)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360  # px of the longest bar
BAR = 18
GAP = 10
LABEL = 18  # the row's label, written above its bars


@dataclass(frozen=True)
class Bar:
    series: str
    y: int
    width: int
    value: int


@dataclass(frozen=True)
class Row:
    label: str
    y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    rows: list[Row]
    height: int


def bars(rows: list[tuple[str, dict[str, int]]], series: tuple[str, ...]) -> Chart:
    """One group of bars per row (one bar per series), scaled to the largest value."""
    top = max((v for _label, values in rows for v in values.values()), default=0) or 1
    out, y = [], 0
    for label, values in rows:
        group = []
        for i, name in enumerate(series):
            value = values.get(name, 0)
            group.append(Bar(name, y + LABEL + i * BAR, round(WIDTH * value / top), value))
        out.append(Row(label, y + LABEL - 5, group))
        y += LABEL + BAR * len(series) + GAP
    return Chart(out, max(y, 1))
