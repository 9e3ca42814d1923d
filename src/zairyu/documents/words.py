"""The words of the documents in one language: the report's headings, the documents' own
interface words (gettext domain ``documents``), dates and the names of coded values.

The names of coded values (entry modes, school levels, ...) are here only until the fact
registry of ``zairyu.model`` carries value labels; ``value_text`` is the one place to swap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from zairyu.i18n import Lang, format_day, gettext
from zairyu.report import labels
from zairyu.report.explanation import WORDS

DOMAIN = "documents"

# The English names of coded values (msgids of the documents catalog), by fact column.
VALUE_NAMES: dict[str, dict[str, str]] = {
    "entry_mode": {
        "born_in_japan": "Born in Japan",
        "status_of_residence": "Entered with a status of residence",
        "illegal_entry": "Entered illegally",
        "illegal_landing": "Landed illegally",
    },
    "release_status": {
        "detained": "Detained",
        "provisional_release": "On provisional release",
        "supervision": "Under supervision measures",
        "none": "Not held in custody",
    },
    "school_level": {
        "preschool": "Kindergarten or nursery",
        "elementary": "Elementary school",
        "junior_high": "Junior high school",
        "high": "High school",
        "university": "University or college",
        "other": "Other school",
        "none": "Never enrolled",
    },
    "spouse_kind": {
        "japanese": "A Japanese national",
        "special_permanent_resident": "A special permanent resident",
        "appended_table_2_resident": "A resident with an Appended Table II status",
        "other": "Another foreign national",
        "none": "Not married",
    },
    "raises_child": {
        "japanese_or_spr": "A child with a Japanese national or special permanent resident",
        "appended_table_2_resident": "A child residing with an Appended Table II status",
        "none": "No such child",
    },
    "applicant": {
        "self": "The person",
        "father": "Father",
        "mother": "Mother",
        "spouse": "Spouse",
        "child": "Child",
        "other_relative": "Relative",
        "other": "Someone else",
    },
}
STATUS_NAMES = {
    "CONFIRMED": "confirmed in the official text",
    "SECONDARY": "seen only in a reproduction",
    "PARTIAL": "only part of the source read",
    "UNCONFIRMED": "not confirmed in a source",
    "INFERRED": "zairyu's reading",
}


@dataclass(frozen=True)
class Words:
    lang: Lang
    era: bool = False  # Japanese dates in the Japanese era (令和6年6月10日)

    def t(self, message: str) -> str:
        """An interface word of the documents."""
        return gettext(self.lang, DOMAIN, message)

    def report(self, key: str) -> str:
        """A heading or word of the text explanation (the same wording everywhere)."""
        return WORDS[self.lang][key]

    @property
    def conjunction(self) -> str:
        """The explanation's word joining the changes of a counterfactual (かつ, and); its key
        is "and" on main since 96fa56b, "or" before."""
        words = WORDS[self.lang]
        return words.get("and") or words["or"]

    def day(self, day: date) -> str:
        return format_day(day, self.lang, era=self.era and self.lang == "ja")

    @property
    def sep(self) -> str:
        """Between the items of a run-in list: 、 or "; "."""
        return "、" if self.lang == "ja" else "; "

    @property
    def colon(self) -> str:
        return "：" if self.lang == "ja" else ":"

    def paren(self, text: str) -> str:
        """A parenthesis as each language writes it: （子） or " (child)"."""
        return f"（{text}）" if self.lang == "ja" else f" ({text})"

    def status(self, status: str) -> str:
        return self.t(STATUS_NAMES.get(status, status))


def value_text(column: str, value: str, words: Words) -> str:
    """The name of a coded value; a value of no vocabulary (a nationality) as written. Where
    ``zairyu.report.labels`` has the fact registry's value labels, those are used."""
    registry: Callable[[str, str, str], str] | None = getattr(labels, "value_label", None)
    if registry is not None:
        label = registry(column, value, words.lang)
        if label != value:
            return label
    name = VALUE_NAMES.get(column, {}).get(value)
    return words.t(name) if name else value
