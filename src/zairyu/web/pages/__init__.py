"""The web pages for caseworkers: server-rendered (Jinja2), htmx for partial updates, working
without JavaScript too; every asset served from the package under /static."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from zairyu.web.pages import (
    admin,
    assessment_page,
    case_edit,
    case_list,
    case_page,
    caseload,
    interview_page,
    measures_due,
    measures_page,
    policy_pages,
    signin,
)

STATIC = Path(__file__).parent.parent / "static"


def install(app: FastAPI) -> None:
    """Mount the static files and every page router on ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Fixed paths (/cases/new, /cases/{id}/assess, /edit, /measures) before the case page's
    # general forms (/cases/{id}/{what}).
    pages = (signin, case_list, case_edit, assessment_page, measures_page, case_page)
    for module in (*pages, interview_page, measures_due, caseload, policy_pages, admin):
        app.include_router(module.router)
