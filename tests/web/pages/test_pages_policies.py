"""The policies as documents in the web application: the list, each policy's document in the
page's language (the same template as `zairyu policy show`), its styles as a file the pages'
Content Security Policy allows, and the PDF."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from zairyu.engine.catalogue import default_catalogue

POLICIES = sorted(default_catalogue().plans)


def test_the_policy_list_links_every_policy_in_the_page_language(site):
    browser = site.browser(site.member()[0], lang="ja")
    page = browser.get("/policies")
    assert page.status_code == 200
    for policy_id in POLICIES:
        assert f'href="/policies/{policy_id}"' in page.text
    assert "在留特別許可に係るガイドライン" in page.text
    assert 'href="/policies"' in page.text  # in the main navigation


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("policy_id", POLICIES)
def test_each_policy_is_its_document_with_sources_quotes_and_cases(site, policy_id, lang):
    browser = site.browser(site.member()[0], lang=lang)
    page = browser.get(f"/policies/{policy_id}")
    assert page.status_code == 200
    text = page.text
    plan = default_catalogue().get(policy_id)
    assert plan.policy.title.get(lang) in text
    assert '<article class="policy-document"' in text
    quoted = next(
        c.citation.quote for c in plan.policy.conditions if c.citation and c.citation.quote
    )
    assert quoted in text
    assert "<style" not in text  # the styles come from /policies/document.css (no inline style)
    assert '<link rel="stylesheet" href="/policies/document.css">' in text


def test_the_documents_styles_are_served_as_css(site):
    browser = site.browser(site.member()[0])
    css = browser.get("/policies/document.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert ".policy-document blockquote" in css.text


def test_an_unknown_policy_is_a_page_saying_not_found(site):
    browser = site.browser(site.member()[0])
    assert browser.get("/policies/guidelines-1999").status_code == 404


def test_the_policy_pages_need_a_signed_in_user(site):
    anonymous = TestClient(site.client.app, base_url="https://testserver")
    response = anonymous.get("/policies/children-2023", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in"


def test_a_policy_downloads_as_a_pdf_in_the_page_language(site):
    browser = site.browser(site.member()[0], lang="en")
    pdf = browser.get("/policies/children-2023/document.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "children-2023-en.pdf" in pdf.headers["content-disposition"]
