"""The per-person application sheet (在留特別許可申請, one application per person since
10 June 2024): per person, the data the application needs from what the case holds, with
what is missing marked.

The official form (在留特別許可申請書) could not be read, so its exact fields are not known
here. The sheet follows the ISA application page instead (source ``isa-application-procedure``:
who may apply, the window, who files, and the documents per ground) and says so on paper. It
is not the form and invents none of its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zairyu.documents.margins import margins
from zairyu.documents.render import render_html
from zairyu.documents.view import display_name, format_value, household_name, sources
from zairyu.documents.words import Words
from zairyu.engine.assessment import HouseholdAssessment
from zairyu.evidence.catalogue import default_catalogue
from zairyu.model.dates import earliest, latest
from zairyu.model.household import Household, Person
from zairyu.model.intervals import interval_rows
from zairyu.model.table import Row, household_rows
from zairyu.report.labels import fact_label, role_label

PAGE_SOURCE = "isa-application-procedure"
UNDER_AGE = 16  # the page: under 16, a father, mother, spouse, child or relative may apply

# The page's sections and the facts of the case each one needs (person-table columns).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("The person", ("birth_date", "nationality")),
    (
        "Whether an application can be made now",
        ("release_status", "deportation_order", "deportation_order_date"),
    ),
    (
        "Deportation grounds named in the proviso of art. 50(1)",
        ("falls_under_art24_3_2", "falls_under_art24_3_3", "falls_under_art24_4_c"),
    ),
    (
        "Who files the application",
        ("unable_to_apply_in_person", "application_made", "applied_on", "applicant"),
    ),
    (
        "Grounds relied on, and the documents the application page lists for each",
        (
            "permanent_resident",
            "former_japanese_national",
            "trafficking_victim",
            "refugee_recognised",
            "complementary_protection",
            "other_humanitarian_need",
            "special_circumstances",
        ),
    ),
)


@dataclass(frozen=True)
class Item:
    label: str
    value: str
    missing: bool
    documents: list[str]


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]


@dataclass(frozen=True)
class PersonSheet:
    name: str
    role: str
    sections: list[Section]
    missing: int
    warnings: list[str]


@dataclass(frozen=True)
class SheetView:
    household: str
    as_of: str
    source_title: str
    source_url: str | None
    persons: list[PersonSheet]


def age_on(birth: date, on: date) -> int:
    """Age in whole years on ``on``, a birthday on that day counted as reached: the policies'
    own reading of ``age-calculation-act`` (the engine's ``years_between``)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _documents(column: str, lang: str) -> list[str]:
    return [
        d.name(lang)
        for d in default_catalogue().proving(column)
        if d.source == PAGE_SOURCE and d.id != "application-form"
    ]


def _item(row: Row, column: str, words: Words) -> Item:
    value = row[column]
    return Item(
        label=fact_label(column, words.lang),
        value=words.t("not recorded") if value is None else format_value(value, column, words),
        missing=value is None,
        documents=_documents(column, words.lang),
    )


def _under_age(person: Person, on: date, words: Words) -> Item:
    label = words.t(
        "Under 16 on the date assessed (a father, mother, spouse, child or relative may apply "
        "on the person's behalf)"
    )
    if person.date_of_birth is None:
        return Item(label, words.t("not recorded"), missing=True, documents=[])
    dob = person.date_of_birth  # a month or a year: decided only if both ends agree
    under_at = {age_on(day, on) < UNDER_AGE for day in (earliest(dob), min(latest(dob), on))}
    if len(under_at) > 1:
        return Item(label, words.t("not recorded"), missing=True, documents=[])
    under = under_at.pop()
    return Item(label, words.report("yes" if under else "no"), missing=False, documents=[])


def _warnings(row: Row, words: Words) -> list[str]:
    found = [words.t("One application per person: this sheet is for this person only.")]
    if row["deportation_order"] is True:
        found.append(
            words.t(
                "A written deportation order is recorded: the application page says an "
                "application can be made only until the order is issued."
            )
        )
    return found


def person_sheet(
    person: Person, row: Row, on: date, household: Household, words: Words
) -> PersonSheet:
    sections = []
    for title, columns in SECTIONS:
        items = [_item(row, c, words) for c in columns]
        if title == "Who files the application":
            items.insert(0, _under_age(person, on, words))
        sections.append(Section(words.t(title), items))
    return PersonSheet(
        name=display_name(household, person.id),
        role=role_label(person.role.value, words.lang),
        sections=sections,
        missing=sum(item.missing for s in sections for item in s.items),
        warnings=_warnings(row, words),
    )


def sheet_view(household: Household, assessment: HouseholdAssessment, words: Words) -> SheetView:
    on = assessment.as_of
    source = sources()[PAGE_SOURCE]
    return SheetView(
        household=household_name(household),
        as_of=words.day(on),
        source_title=source.title.ja if words.lang == "ja" else source.title.en,
        source_url=source.url,
        persons=[
            person_sheet(p, row, on, household, words)
            for p, row in zip(household.members, _rows_as_written(household, on), strict=True)
        ],
    )


def _rows_as_written(household: Household, on: date) -> list[Row]:
    """The person-table rows, a date known only to the month, year or age as written."""
    rows = household_rows(household)
    for (i, column), written in interval_rows(household, on).written.items():
        rows[i][column] = str(written)
    return rows


def sheet_html(
    household: Household,
    assessment: HouseholdAssessment,
    words: Words,
    record_id: str | None = None,
) -> str:
    """The sheets of every member, one per page, as a standalone HTML document."""
    return render_html(
        "sheet.html",
        w=words,
        view=sheet_view(household, assessment, words),
        title=words.t("Application sheet"),
        margins=margins(assessment, words, record_id),
    )
