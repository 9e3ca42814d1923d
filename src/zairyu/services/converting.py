"""Convert between household JSON and the caseload (the person table), both ways, losslessly.

*Lossless* means, and is checked for every household as it is converted:

- caseload -> households -> caseload gives the same rows: every column, ids and roles. A blank
  cell comes back blank, except where the row's other cells decide it the way the household
  format reads them (``FILLED``: ``in_japan_since`` of a person born in Japan is the date of
  birth); those are counted and said.
- household -> caseload -> household gives a household with the same person table, hence the
  same assessment under every policy, not the same JSON. What a caseload cannot hold is counted
  and said (``not_carried``): display names, notes, each enrolment, conviction and earlier order
  (the caseload holds what the table derives from them), a link to a spouse member (the caseload
  holds the spouse's status it gives), a guardian's description, the reasons for special
  circumstances. A date known only to the month, the year or as an age cannot go into a caseload
  at all (batch evaluates exact days only): such a household is refused, naming it, the person
  and the field.

A household whose rows no household can give (a count of convictions below the count without
illegal stay, a school that ended on no day) is set aside with the first column that does not
come back, as batch sets aside a household with a bad row; the others are written.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zairyu.engine.columnar import frame_from_rows
from zairyu.io.caseload import household_chunks
from zairyu.io.formats import ResultWriter, format_of
from zairyu.io.row_problems import ROW, type_chunk
from zairyu.model import from_row
from zairyu.model.columns import COLUMNS, Row
from zairyu.model.household import Household
from zairyu.model.intervals import imprecise_dates, path_text
from zairyu.model.problems import InvalidHousehold, load_household, parse_household
from zairyu.model.shown import shown
from zairyu.model.table import household_rows
from zairyu.services.errors import ServiceError

__all__ = [
    "CASELOAD_SUFFIXES",
    "FILLED",
    "NOTE",
    "ConvertError",
    "ToCaseload",
    "ToHouseholds",
    "caseload_to_households",
    "file_name",
    "households_from_rows",
    "households_to_caseload",
    "not_carried",
    "rows_of",
]

CASELOAD_SUFFIXES = (".csv", ".parquet", ".jsonl", ".ndjson")
# Columns a household never leaves unknown when the row's other columns decide them: a blank
# cell there comes back as what they decide (the caseload said less than it knew).
FILLED = frozenset(
    {
        "in_japan_since",  # the date of birth (born in Japan) or of entry
        "illegal_stay_since",  # the date of an illegal entry
        "previous_deportation_procedure",  # true beside an earlier deportation order
        "prostitution",  # from the two kinds, and the two from it
        "prostitution_by_self",
        "procured_prostitution",
        "school_current_local",  # no school now, or the current school's own mark
        "spouse_kind",  # from the spouse's legal status and where the marriage stands
        *from_row.GUARDIAN,  # one guardian for the whole household
    }
)
NOTE = (
    "Written by zairyu convert from a caseload: its school enrolments, convictions and earlier "
    "orders are the fewest that give the caseload's columns (docs/household.md, Converting)."
)
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"{port}{i}" for port in ("COM", "LPT") for i in range(1, 10))}
)
SHOWN_SET_ASIDE = 20


class ConvertError(ServiceError):
    """A conversion that cannot be made as asked; nothing has been written."""


def not_carried(household: Household) -> Counter[str]:
    """What a caseload cannot hold of the household, counted (never the values)."""
    counts: Counter[str] = Counter()
    for person in household.members:
        counts["display names"] += person.display_name is not None
        counts["school enrolments"] += len(person.school.enrolments) if person.school else 0
        counts["convictions"] += len(person.record.convictions or ())
        counts["earlier orders"] += len(person.immigration.previous_orders or ())
        marriage = person.family_ties.marriage
        counts["marriages to a member"] += bool(marriage and marriage.spouse)
        counts["special circumstances reasons"] += bool(
            person.humanitarian.special_circumstances_reasons
        )
    guardian = household.external_guardian
    counts["guardian descriptions"] += bool(guardian and guardian.description)
    counts["notes"] += household.notes is not None
    return +counts


def rows_of(household: Household, source: str) -> list[Row]:
    """The household's person table; a date known only to the month, the year or as an age
    is refused (a caseload holds exact days), naming the household, the person and the field."""
    for person in household.members:
        dates = imprecise_dates(person)
        if dates:
            path, value = dates[0]
            known = "as an age" if value.precision == "age" else f"to the {value.precision}"
            raise ConvertError(
                f"{source}: household {shown(household.id)}, member {shown(person.id)}: "
                f"field '{path_text(path)}' is known only {known}; a caseload holds exact days "
                "only: give the day, or assess this household with zairyu assess"
            )
    rows = household_rows(household)
    back = _written(household.id, rows, source)
    if isinstance(back, str) or back[1]:  # zairyu cannot write it back: a bug, not the input's
        raise ConvertError(
            f"{source}: household {shown(household.id)}: its person table does not come back "
            f"from the caseload ({back if isinstance(back, str) else sorted(back[1])}); please "
            "report it"
        )
    return rows


@dataclass
class ToCaseload:
    households: int = 0
    persons: int = 0
    not_carried: Counter[str] = field(default_factory=Counter)


def json_sources(source: Path) -> list[Path]:
    """A household file, or the household files of a folder (by name)."""
    if source.is_dir():
        found = sorted(p for p in source.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        if not found:
            raise ConvertError(f"{source}: the folder holds no household file (*.json)")
        return found
    if not source.is_file():
        raise ConvertError(f"{source}: no such file or folder")
    return [source]


def _read(path: Path) -> Household:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConvertError(
            f"{path}: byte {error.start + 1:,} is not UTF-8; a household file is UTF-8 text: "
            "save it again choosing the encoding UTF-8"
        ) from None
    except OSError as error:
        raise ConvertError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return load_household(text, source=str(path))
    except InvalidHousehold as error:
        more = len(error.problems) - 1
        rest = f" (and {more} more problem(s): zairyu assess {path} lists them)" if more else ""
        raise ConvertError(f"{path}: {error.problems[0]}{rest}") from None


def households_to_caseload(source: Path, out: Path) -> ToCaseload:
    """Every household of ``source`` (a file or a folder) as one caseload file ``out``."""
    if out.suffix.lower() not in CASELOAD_SUFFIXES:
        raise ConvertError(
            f"{out}: a caseload is written as {', '.join(CASELOAD_SUFFIXES)}; name the file so"
        )
    summary = ToCaseload()
    rows: list[Row] = []
    seen: dict[str, Path] = {}
    for path in json_sources(source):
        household = _read(path)
        if household.id in seen:
            raise ConvertError(
                f"{path}: household {shown(household.id)} is also in {seen[household.id]}; "
                "a caseload holds each household once"
            )
        seen[household.id] = path
        rows += rows_of(household, str(path))
        summary.households += 1
        summary.persons += len(household.members)
        summary.not_carried += not_carried(household)
    writer = ResultWriter(out)
    writer.write_all([frame_from_rows(rows)])
    return summary


@dataclass(frozen=True)
class SetAside:
    """A household that cannot be written, and why (its first problem; no value is shown)."""

    household_id: str
    problem: str

    def __str__(self) -> str:
        return f"household {shown(self.household_id)}: {self.problem}"


@dataclass
class ToHouseholds:
    households: int = 0
    persons: int = 0
    encoding: str | None = None  # how a text file was read: "UTF-8", "CP932 (Shift_JIS)"
    filled: Counter[str] = field(default_factory=Counter)
    made: Counter[str] = field(default_factory=Counter)
    set_aside: list[SetAside] = field(default_factory=list)


@dataclass(frozen=True)
class Converted:
    household_id: str
    data: dict[str, Any]
    persons: int
    filled: Counter[str]
    made: Counter[str]


def _written(
    household_id: str, rows: Sequence[Row], source: str = "caseload"
) -> tuple[dict[str, Any], Counter[str], Counter[str]] | str:
    """The household JSON of the rows, the blank cells it fills and what it makes up; or the
    first problem, in words that show no value."""
    full = [{c: r.get(c) for c in COLUMNS} for r in rows]
    made: Counter[str] = Counter()
    data = from_row.household(household_id, full, notes=NOTE, made=made)
    try:
        household = parse_household(data, source)
    except InvalidHousehold as error:
        problem = error.problems[0]
        where = problem.where.removeprefix(f"household {shown(household_id)}")
        where = where.removeprefix(", ") or "the household"
        if not problem.field:  # a check of the whole household: it names ids only
            return f"{where}: {problem.message}"
        return (
            f"{where}: its columns give no valid household (field '{problem.field}' does not "
            "fit them)"
        )
    filled: Counter[str] = Counter()
    for row, back in zip(full, household_rows(household), strict=True):
        for column in COLUMNS:
            before, after = row[column], back[column]
            if before == after:
                continue
            person = f"person {shown(str(row['person_id']))}"
            if before is None and column in FILLED:
                filled[column] += 1
            elif before is None:
                return (
                    f"{person}: column '{column}' is blank, but no household leaves it unknown "
                    "beside the row's other columns: fill it in, or blank the columns it goes with"
                )
            else:
                fields = ", ".join(COLUMNS[column].fields)
                return (
                    f"{person}: column '{column}' does not come back from any household with the "
                    f"row's other columns (it is read from {fields})"
                )
    return data, filled, made


def households_from_rows(rows: Sequence[Row]) -> Iterator[Converted | SetAside]:
    """The households of person-table rows (a household's rows together), each checked to
    give its rows back (``FILLED`` cells aside)."""
    group: list[Row] = []
    done: set[str] = set()
    for row in [*rows, None]:
        if group and (row is None or str(row["household_id"]) != str(group[0]["household_id"])):
            yield _convert_group(group, done)
            group = []
        if row is not None:
            group.append(row)


def _convert_group(group: list[Row], done: set[str]) -> Converted | SetAside:
    household_id = str(group[0]["household_id"])
    if household_id in done:
        return SetAside(
            household_id,
            "its rows are not together in the file: sort the file by household_id",
        )
    done.add(household_id)
    ids = [{**r, "household_id": household_id, "person_id": str(r["person_id"])} for r in group]
    written = _written(household_id, ids)
    if isinstance(written, str):
        return SetAside(household_id, written)
    data, filled, made = written
    return Converted(household_id, data, len(group), filled, made)


def file_name(household_id: str) -> str:
    """A safe file name for a household: its id (ids are letters of any script, digits, '_',
    '.' and '-') in NFC, with '_' in front of one that would be hidden ('.x') or is a name
    Windows reserves (CON, NUL, COM1, ...)."""
    name = unicodedata.normalize("NFC", household_id)
    if name.startswith(".") or name.split(".")[0].upper() in RESERVED:
        name = "_" + name
    return f"{name}.json"


def _caseload_rows(source: Path, summary: ToHouseholds) -> Iterator[Row]:
    """The typed rows of the households without a bad value; those with one are set aside."""
    caseload = household_chunks(source)
    summary.encoding = caseload.encoding.name if caseload.encoding else None
    for first_row, chunk in caseload:
        typed, problems = type_chunk(chunk, first_row)
        reported: set[str] = set()
        for problem in problems:
            household = problem.household_id or "(blank)"
            if household not in reported:
                reported.add(household)
                where = f"row {problem.row}, column '{problem.column}'"
                summary.set_aside.append(SetAside(household, f"{where}: {problem.problem}"))
        yield from typed.drop(ROW).iter_rows(named=True)


def caseload_to_households(source: Path, folder: Path) -> ToHouseholds:
    """Every household of the caseload ``source`` as ``<household_id>.json`` in ``folder``
    (which must exist). No household file is overwritten: if one exists, nothing is written."""
    if not folder.is_dir():
        raise ConvertError(
            f"{folder}: households are written into a folder that exists; create it first "
            f"(mkdir -p {folder}) or name one that exists"
        )
    format_of(source)
    summary = ToHouseholds()
    files: dict[str, tuple[str, str]] = {}  # casefolded name -> (name, household id)
    texts: list[tuple[str, str]] = []
    for result in households_from_rows(list(_caseload_rows(source, summary))):
        if isinstance(result, SetAside):
            summary.set_aside.append(result)
            continue
        name = file_name(result.household_id)
        clash = files.get(name.casefold())
        if clash is not None:
            summary.set_aside.append(
                SetAside(
                    result.household_id,
                    f"its file would be {clash[0]}, as household {shown(clash[1])}'s is, where "
                    "file names do not tell capitals from small letters (Windows, macOS)",
                )
            )
            continue
        files[name.casefold()] = (name, result.household_id)
        texts.append((name, json.dumps(result.data, ensure_ascii=False, indent=2) + "\n"))
        summary.households += 1
        summary.persons += result.persons
        summary.filled += result.filled
        summary.made += result.made
    existing = [name for name, _ in texts if (folder / name).exists()]
    if existing:
        raise ConvertError(
            f"{folder}: {len(existing)} of the household files exist already (first: "
            f"{existing[0]}); zairyu convert overwrites no household file: remove them or write "
            "into an empty folder"
        )
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    return summary
