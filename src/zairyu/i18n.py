"""Languages of the interface: Japanese and English, their dates, and the message catalogs.

Policy texts (conditions, outcomes, readings) come from the policy files and fact labels from
the fact registry; the words of the interface itself (buttons, headings, the words of pages and
documents) are gettext messages in ``zairyu/locale/<lang>/LC_MESSAGES/<domain>.po``, read at run
time with Babel (no compiled files to keep in step). One domain per surface (``web``,
``documents``), so that each can be reviewed by a translator on its own.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Literal, get_args

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.support import Translations

from zairyu.model.dates import ImpreciseDate

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "ja"
LOCALE_DIR = Path(__file__).parent / "locale"
_BABEL_LOCALE = {"ja": "ja_JP", "en": "en_GB"}

# The Japanese eras (元号) from their first day; 元年 is the first year of each.
ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1873, 1, 1), "明治"),  # the Gregorian calendar was adopted on 明治6年1月1日
)


def as_lang(value: str | None) -> Lang:
    """A supported language, or ``ValueError`` naming the choices."""
    for lang in LANGS:
        if value == lang:
            return lang
    raise ValueError(f"language '{value}' is not available (choose {' or '.join(LANGS)})")


def format_day(day: date, lang: Lang, *, era: bool = False) -> str:
    """A date as the language writes it: 2024年6月10日, 10 June 2024; with ``era`` in Japanese,
    the Japanese era as forms use it (令和6年6月10日, 令和元年5月1日)."""
    if lang == "ja":
        if era:
            return f"{japanese_era_year(day)}{day.month}月{day.day}日"
        return f"{day.year}年{day.month}月{day.day}日"
    return format_date(day, "long", locale=_BABEL_LOCALE[lang])


def format_date_value(value: date | ImpreciseDate, lang: Lang) -> str:
    """A date as written in the file: a day as ``format_day`` writes it; a month as
    2000年9月 / September 2000; a year as 2000年 / 2000; an age as 2024年4月1日時点で7歳 /
    aged 7 on 1 April 2024; a minor as 2024年6月10日時点で未成年 / a minor on 10 June 2024."""
    if isinstance(value, date):
        return format_day(value, lang)
    if value.minor_on is not None:
        template = gettext(lang, "report", "a minor on {day}")
        return template.format(day=format_day(value.minor_on, lang))
    if value.age is not None and value.on is not None:
        template = gettext(lang, "report", "aged {age} on {day}")
        return template.format(age=value.age, day=format_day(value.on, lang))
    if value.precision == "month":
        if lang == "ja":
            return f"{value.earliest.year}年{value.earliest.month}月"
        return format_date(value.earliest, "MMMM y", locale=_BABEL_LOCALE[lang])
    return f"{value.earliest.year}年" if lang == "ja" else str(value.earliest.year)


def japanese_era_year(day: date) -> str:
    """The era and year of a date: 令和6年, 令和元年, 平成31年."""
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年"
    raise ValueError(f"{day} is before the dates zairyu writes in a Japanese era (1873)")


@cache
def translations(lang: Lang, domain: str) -> NullTranslations:
    """The gettext translations of one domain in one language (English messages are their own
    msgids, so an English catalog only needs entries where the wording differs)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=_BABEL_LOCALE[lang], domain=domain)
    compiled = Translations(domain=domain)
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            key = message.id if isinstance(message.id, str) else message.id[0]
            value = message.string if isinstance(message.string, str) else message.string[0]
            compiled._catalog[key] = value
    return compiled


def gettext(lang: Lang, domain: str, message: str) -> str:
    """``message`` (written in English) in ``lang``."""
    return translations(lang, domain).gettext(message)
