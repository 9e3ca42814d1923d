"""docs/caseload-format.md, generated from the person-table columns so that it cannot drift
(``python -m zairyu.io.format_doc > docs/caseload-format.md``; a test checks it is current)."""

from __future__ import annotations

from zairyu.io.row_problems import ALLOWED, REQUIRED
from zairyu.model.columns import COLUMNS

INTRO = """# Caseload file format

A caseload is one row per person. `zairyu batch`, `zairyu compare` and `zairyu sql` read it;
`zairyu synth` writes it. Formats, chosen by the file suffix: CSV (`.csv`, UTF-8, header line),
Excel (`.xlsx`, first sheet, header row), Parquet (`.parquet`) and JSON Lines (`.jsonl`, one
object per line). Example files: `examples/caseload.csv`, `examples/caseload.jsonl`.

Rules:

- `household_id`, `person_id` and `role` are required. Ids are text (or integers in Parquet).
- The rows of one household must be adjacent (the usual export order). Files sorted by
  `household_id` are evaluated fastest.
- Every other column is optional: a missing column, or an empty cell, means **unknown**, never
  `false`. The engine then reports the outcome as `undetermined` where the unknown matters.
- A column not listed below is refused (a misspelt column would otherwise silently become
  unknown).
- Booleans: `true`/`false`, `1`/`0` or `yes`/`no`. Dates: `YYYY-MM-DD`. Numbers: whole numbers.

Bad values do not stop a run: each goes to the error file (`RESULTS.errors.csv` unless `--errors`
is given) as `row, household_id, column, value, problem`, where `row` counts data rows from 1
(a CSV header is not counted). The household of a bad row is set aside; every other household
is assessed. `--strict` stops at the first bad value instead (exit code 2).

## Columns

| column | type | meaning | allowed values |
|---|---|---|---|
"""

RESULTS = """
## Results

`zairyu batch CASELOAD --out RESULTS` writes one row per person: `row` (its row number in the
caseload), `household_id`, `person_id`, `role`, `as_of`, then one column per derived variable
and condition of the policy, in evaluation order, and `outcome`. With several policies (every
policy in force on `--as-of` by default) the columns are prefixed with the policy id
(`children-2023.child_eligible`). The results file's suffix sets its format.
"""


def caseload_format_markdown() -> str:
    rows = []
    for name, column in COLUMNS.items():
        required = " (required)" if name in REQUIRED else ""
        labels = column.value_labels or {}
        allowed = ", ".join(f"`{v}` ({labels[v].en})" for v in ALLOWED.get(name, ()))
        if column.minimum is not None or column.maximum is not None:
            allowed = f"{column.minimum} to {column.maximum}"
        rows.append(f"| `{name}` | {column.kind} | {column.en}{required} | {allowed} |")
    return INTRO + "\n".join(rows) + "\n" + RESULTS


if __name__ == "__main__":
    print(caseload_format_markdown(), end="")
