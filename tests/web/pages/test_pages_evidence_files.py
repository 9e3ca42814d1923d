"""The document file of a piece of evidence: type checked by its bytes, size limited, hashed,
stored under the data folder, served back only as a download."""

from __future__ import annotations

import hashlib
import re

from pages_site import csrf
from test_pages_case import new_case

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def upload(browser, case_path, name, data, content_type="application/pdf"):
    return browser.post(
        f"{case_path}/evidence",
        data={"csrf_token": csrf(browser, case_path), "title": "在学証明書", "kind": "certificate"},
        files={"file": (name, data, content_type)},
    )


def test_a_pdf_is_stored_by_its_sha256_and_downloaded_as_an_attachment(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    assert upload(browser, case_path, "certificate.pdf", PDF).status_code == 200
    digest = hashlib.sha256(PDF).hexdigest()
    page = browser.get(case_path).text
    assert digest[:12] in page
    assert "certificate.pdf" not in page
    link = re.search(r'href="(/cases/[^"]+/evidence/[^"]+/file)"', page).group(1)
    response = browser.get(link)
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_page_disguised_as_a_pdf_is_refused(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    response = upload(browser, case_path, "x.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 422
    assert "only PDF, PNG and JPEG files are accepted" in response.text


def test_a_file_over_the_limit_is_refused(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    response = upload(browser, case_path, "big.pdf", PDF + b"0" * 950_000)
    assert response.status_code in (413, 422)


def test_another_organisation_cannot_download_the_file(site):
    browser = site.browser(site.member()[0])
    case_path = new_case(browser)
    upload(browser, case_path, "c.pdf", PDF)
    link = re.search(
        r'href="(/cases/[^"]+/evidence/[^"]+/file)"', browser.get(case_path).text
    ).group(1)
    stranger = site.browser(site.member()[0])
    assert stranger.get(link).status_code == 404
