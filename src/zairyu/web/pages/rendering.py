"""Templates, language and the words of the pages.

Interface words are gettext messages (domain ``web``); dates are written as the page's language
writes them. The language is the signed-in user's choice (``request.state.lang``, set by
``session.page_user``), else the ``zairyu_lang`` cookie, else the browser's first choice, else
Japanese.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from zairyu.i18n import DEFAULT_LANG, LANGS, Lang, format_day, gettext
from zairyu.interview.choice_labels import choice_label
from zairyu.report.labels import fact_label, role_label
from zairyu.web.pages import measures_forms

LANG_COOKIE = "zairyu_lang"
TEMPLATES = Path(__file__).parent.parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def page_lang(request: Request) -> Lang:
    for lang in LANGS:
        if getattr(request.state, "lang", None) == lang:
            return lang
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    accept = request.headers.get("accept-language", "").strip().lower()
    return "en" if accept.startswith("en") else DEFAULT_LANG


def words(lang: Lang) -> dict[str, Any]:
    """What every template may call, bound to the page's language."""

    def t(message: str, **values: object) -> str:
        text = gettext(lang, "web", message)
        return text.format(**values) if values else text

    def day(value: date | datetime | str | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        if isinstance(value, datetime):
            value = value.date()
        return format_day(value, lang)

    return {
        "lang": lang,
        "t": t,
        "day": day,
        "role": lambda r: role_label(r, lang),
        "fact": lambda c: fact_label(c, lang),
        "choice": lambda v, where=None: choice_label(v, lang, where),
    }


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    lang = page_lang(request)
    values = {"request_path": request.url.path, **words(lang), **context}
    values.setdefault("user", None)
    values.setdefault("csrf", "")
    html = environment.get_template(template).render(values)
    return HTMLResponse(html, status_code, headers={"Cache-Control": "no-store"})


# Words the pages translate that are not literal in a template: messages raised in Python,
# and the codes of the store's vocabularies shown with t(code).
PAGE_MESSAGES = (
    "Write the date as YYYY-MM-DD.",
    "Write the date of birth, or the age and the day it was stated, or the day on which the "
    "person was known to be a minor; days as YYYY-MM-DD.",
    "Write the date as YYYY-MM-DD, or as YYYY-MM or YYYY when only the month or the year is known.",
    "Write a whole number, within the range the field allows.",
    "Choose one of the answers.",
    "Write at most 64 characters.",
    "Tick the grounds that apply, or “None of these”.",
    "Write a reference to save the case.",
    "This form has expired. Go back, reload and retry.",
    "Not found in your organisation.",
    "Your role may not do this.",
    "Too many failed sign-ins; try again later.",
    "Wrong organisation, username or password.",
    # the store's refusals of a new user, shown on the administration page
    "this username is taken in your organisation",
    "the password must have at least 12 characters",
    "the password may not be only spaces",
    "the password may not contain the username",
    "the password may not be one or two characters repeated",
    "the password is one of the most common passwords",
    "The case records this in more detail than the question can show. "
    "To change it, edit the case as a household file.",
    *measures_forms.MESSAGES,
)
VOCABULARY = (
    *("open", "closed", "granted", "refused", "admin", "caseworker", "reviewer", "read_only"),
    *("entry", "status_change", "deportation_order", "provisional_release", "supervision"),
    *("detention", "application_filed", "interview", "decision", "other"),
    *("document", "certificate", "photo", "statement", "reporting", "deadline"),
    *measures_forms.VOCABULARY,
)
