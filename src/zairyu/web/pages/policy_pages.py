"""The policies as documents a lawyer reads, in the web application: the list of the policies
zairyu knows, each policy's document in the page's language (``zairyu policy show`` gives the
same document as HTML or PDF: one template, ``zairyu.report.policy_document``), and the PDF.

The document's styles are served as a file (``/policies/document.css``): the pages' Content
Security Policy allows no inline style. The documents hold no personal data; they are shown to
signed-in users, like every page.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from markupsafe import Markup

from zairyu.engine.catalogue import default_catalogue
from zairyu.engine.compiled import Plan
from zairyu.i18n import format_day
from zairyu.report.policy_document import policy_body, policy_css, policy_pdf
from zairyu.store.access import NotFoundError
from zairyu.web.pages.rendering import page_lang, render
from zairyu.web.pages.routing import page_router
from zairyu.web.pages.session import Viewer

router = page_router()


def _plan(policy_id: str) -> Plan:
    try:
        return default_catalogue().get(policy_id)
    except KeyError:
        raise NotFoundError("policy") from None


@router.get("/policies")
def policy_list(request: Request, user: Viewer) -> Response:
    lang = page_lang(request)
    policies: list[dict[str, Any]] = []
    for plan in default_catalogue().plans.values():
        policy = plan.policy
        policies.append(
            {
                "id": policy.id,
                "title": policy.title.get(lang),
                "summary": policy.summary.get(lang),
                "from": format_day(policy.effective_from, lang),
                "to": format_day(policy.effective_to, lang) if policy.effective_to else None,
            }
        )
    return render(request, "policies.html", {"user": user, "policies": policies})


@router.get("/policies/document.css")
def policy_document_css() -> Response:
    return Response(policy_css(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/policies/{policy_id}")
def policy_page(policy_id: str, request: Request, user: Viewer) -> Response:
    plan = _plan(policy_id)
    lang = page_lang(request)
    context = {
        "user": user,
        "policy_id": plan.policy.id,
        "title": plan.policy.title.get(lang),
        "body": Markup(policy_body(plan, lang)),  # our own template, autoescaped
    }
    return render(request, "policy.html", context)


@router.get("/policies/{policy_id}/document.pdf")
def policy_document_pdf(policy_id: str, request: Request, user: Viewer) -> Response:
    pdf = policy_pdf(_plan(policy_id), page_lang(request))
    name = f"{policy_id}-{page_lang(request)}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
