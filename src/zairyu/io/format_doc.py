"""docs/caseload-format.md, generated from the person-table columns so that it cannot drift
(``python -m zairyu.io.format_doc > docs/caseload-format.md``; a test checks it is current)."""

from __future__ import annotations

from zairyu.io.row_problems import ALLOWED, REQUIRED
from zairyu.model.columns import COLUMNS

INTRO = """# Caseload file format

A caseload is one row per person. `zairyu batch`, `zairyu compare` and `zairyu sql` read it;
`zairyu synth` writes it. Formats, chosen by the file suffix: CSV (`.csv`, header line),
Excel (`.xlsx`, first sheet, header row), Parquet (`.parquet`) and JSON Lines (`.jsonl`, one
object per line). Example files: `examples/caseload.csv`, `examples/caseload.jsonl`, and
`examples/caseload-sjis.csv` as Japanese Excel saves a CSV. `zairyu convert` writes household
JSON files as a caseload (CSV, Parquet or JSON Lines) and a caseload as household files, losslessly
as docs/household.md ("Converting") defines it: what a caseload cannot hold is counted, and a
date known only to the month or year is refused.

CSV and JSON Lines files may be UTF-8, with or without a byte order mark (Excel's "CSV UTF-8"),
or CP932 (Shift_JIS, Excel's "CSV (コンマ区切り)"); `zairyu batch` and `zairyu compare` say
which they read ("read as CP932 (Shift_JIS)"). The whole file must decode, strictly: a file in
any other encoding is refused with how to save it again as UTF-8 (in Excel: 名前を付けて保存 →
"CSV UTF-8 (コンマ区切り)"). A CP932 file is converted in memory; save files larger than
memory as UTF-8.

Rules:

- `household_id`, `person_id` and `role` are required. Ids are text (or integers in Parquet):
  1 to 64 letters of any script (`山田家`), digits, `_`, `.` or `-`, without spaces.
- The rows of one household must be adjacent (the usual export order). Files sorted by
  `household_id` are evaluated fastest.
- Every other column is optional: a missing column, or an empty cell, means **unknown**, never
  `false`. The engine then reports the outcome as `undetermined` where the unknown matters.
- A column not listed below is refused (a misspelt column would otherwise silently become
  unknown).
- Booleans: `true`/`false`, `1`/`0` or `yes`/`no`. Dates: `YYYY-MM-DD`. Numbers: whole numbers.
  A date known only to the month or year, or an age, goes to the error file with its row: assess
  such a household from a household JSON file (docs/imprecise-dates.md).

Bad values do not stop a run: each goes to the error file (`RESULTS.errors.csv` unless `--errors`
is given) as `row, household_id, column, value, problem`, where `row` counts data rows from 1
(a CSV header is not counted). The household of a bad row is set aside; every other household
is assessed. `--strict` stops at the first bad value instead (exit code 2). A JSON Lines line
that is not a JSON object is a bad row too, with its line number; where its household cannot be
read from it, the households of the lines before and after it are set aside. Values in the
error file and in messages are cut to 60 characters (with the length given) and invisible or
direction-changing characters are written as escapes (`\\u202e`).

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
