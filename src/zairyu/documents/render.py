"""Templates to HTML (Jinja2) and HTML to a tagged PDF (WeasyPrint).

Nothing is fetched from another host: the only resources are the templates and the style
sheet beside them, and the fonts installed on the machine (Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
# PDF/UA-1: tagged, with a document language and title (WeasyPrint >= 63 writes it).
PDF_VARIANT = "pdf/ua-1"


def css_string(value: object) -> Markup:
    """A value as a CSS string literal (for @page margin boxes in a <style> element): quotes,
    backslashes and ``<`` escaped the CSS way, so no value can end the string or the element."""
    text = str(value).replace("\\", "\\5C ").replace('"', "\\22 ").replace("<", "\\3C ")
    return Markup(f'"{text.replace(chr(10), " ")}"')


# A run of Japanese: kana, CJK ideographs, full-width forms, and digits or spaces inside it
# (第50条第1項 is one run).
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_JAPANESE = re.compile(f"[{_CJK}](?:[{_CJK}0-9 .]*[{_CJK}])?")


def mark_japanese(value: object, lang: str) -> Markup:
    """In a document that is not Japanese, each run of Japanese text (a pinpoint, a document's
    name) in a ``<span lang="ja">``, so it is typeset with Japanese glyph shapes and read as
    Japanese; the rest stays in the document's language."""
    text = str(escape(str(value)))
    if lang == "ja":
        return Markup(text)
    return Markup(_JAPANESE.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', text))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["ja"] = mark_japanese
    return env


def render_html(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def html_to_pdf(html: str, title: str) -> bytes:
    """A tagged PDF of ``html``; WeasyPrint is imported here, so other commands start fast."""
    from weasyprint import HTML  # noqa: PLC0415

    document = HTML(string=html, base_url=str(TEMPLATES))
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=title.encode())
    return pdf
