"""The words of the documents in one language: the report's headings, the documents' own
interface words (gettext domain ``documents``), dates and the names of coded values.

The names of coded values (entry modes, school levels, ...) come from the fact registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zairyu.i18n import Lang, format_day, gettext
from zairyu.report import labels
from zairyu.report.view import REPORT_WORDS, translate

DOMAIN = "documents"

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
        return translate(self.lang)(REPORT_WORDS[key])

    @property
    def conjunction(self) -> str:
        """The explanation's word joining the changes of a counterfactual (かつ, and)."""
        return self.report("and")

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
    """The name of a coded value from the fact registry; a value of no vocabulary (a
    nationality) as written."""
    return labels.value_label(column, value, words.lang)
