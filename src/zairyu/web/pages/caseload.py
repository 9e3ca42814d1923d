"""The organisation's caseload: persons per outcome under each policy in force, and a what-if
against a reform file (the same reform files as ``zairyu compare``), with charts."""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import File, Request, Response, UploadFile
from pydantic import ValidationError

from zairyu import clock
from zairyu.engine.catalogue import default_catalogue
from zairyu.interview.assessing import outcome_counts
from zairyu.model.household import Household
from zairyu.model.problems import InvalidHousehold, parse_household
from zairyu.simulate.reform import Reform, ReformError, apply_reform
from zairyu.web.pages.case_index import current_households
from zairyu.web.pages.charts import bars
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Changer, Found, PageUser, Viewer

router = page_router()
MAX_REFORM_BYTES = 100_000


def _households(found: Found, user: PageUser) -> tuple[list[Household], int]:
    households, skipped = [], 0
    for raw in current_households(found.db, user.actor):
        try:
            households.append(parse_household(raw, "stored case"))
        except InvalidHousehold:
            skipped += 1
    return households, skipped


def _context(request: Request, found: Found, user: PageUser) -> dict[str, Any]:
    lang = page_lang(request)
    households, skipped = _households(found, user)
    on = clock.today()
    policies = []
    for plan in default_catalogue().in_force(on):
        counts = outcome_counts(plan, households, on)
        rows = [(texts[lang], {"base": n}) for texts, n in counts.values()]
        policies.append(
            {
                "id": plan.id,
                "title": getattr(plan.policy.title, lang),
                "rows": rows,
                "chart": bars(rows, ("base",)),
            }
        )
    return {
        "user": user,
        "csrf": user.csrf,
        "on": on,
        "cases": len(households),
        "skipped": skipped,
        "policies": policies,
        "whatif": None,
        "problem": "",
    }


@router.get("/caseload")
def caseload(request: Request, user: Viewer, found: Found) -> Response:
    return render(request, "caseload.html", _context(request, found, user))


def _reform(text: bytes, name: str) -> Reform:
    try:
        return Reform.model_validate(yaml.safe_load(text.decode("utf-8")))
    except (UnicodeDecodeError, yaml.YAMLError):
        raise ReformError(f"{name}: not a YAML file") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        raise ReformError(f"{name}: {where}: {first['msg']}") from None


@router.post("/caseload/what-if")
async def what_if(
    request: Request,
    user: Changer,
    found: Found,
    reform: Annotated[UploadFile, File()],
) -> Response:
    context = _context(request, found, user)
    lang = page_lang(request)
    data = await reform.read(MAX_REFORM_BYTES + 1)
    name = reform.filename or "reform"
    try:
        if len(data) > MAX_REFORM_BYTES:
            raise ReformError(f"{name}: larger than {MAX_REFORM_BYTES // 1000} kB")
        change = _reform(data, name)
        base = default_catalogue().get(change.policy)
        reformed = apply_reform(base, change, name)
    except (ReformError, KeyError) as error:
        context["problem"] = str(error).strip("'\"")
        return render(request, "caseload.html", context, 422)
    households, _ = _households(found, user)
    before = outcome_counts(base, households, context["on"])
    after = outcome_counts(reformed, households, context["on"])
    codes = list(dict.fromkeys([*before, *after]))
    rows = [
        (
            (before.get(code) or after[code])[0][lang],
            {"base": before.get(code, ({}, 0))[1], "reform": after.get(code, ({}, 0))[1]},
        )
        for code in codes
    ]
    context["whatif"] = {
        "title": change.title,
        "id": change.id,
        "policy": base.id,
        "rows": rows,
        "chart": bars(rows, ("base", "reform")),
    }
    return render(request, "caseload.html", context)
