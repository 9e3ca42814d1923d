"""Server time of the web pages and of each step of the guided interview, p50 and p95.

    python -m benchmarks.web_pages [--repeat 20]

In-process (Starlette's test client, no network), on a fresh SQLite store with the example
households as cases. Each interview step is the POST of one answer, taken from the example
household's own facts, and its page back (htmx partial). The peer in the same run is the JSON
API's assessment of the same household (POST /api/v1/assessments, nothing stored): the ratio
says what one step costs against one plain assessment.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from zairyu.interview.measure import known_value
from zairyu.interview.questions import BY_PATH
from zairyu.web.app import create_app
from zairyu.web.demo import ORG, make_demo
from zairyu.web.pages.interview_forms import fields_for
from zairyu.web.settings import Settings

EXAMPLES = Path(__file__).parent.parent / "examples"
HIDDEN = re.compile(r'name="(csrf_token|state|subject|path)" value="([^"]*)"')


def hidden(text: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in HIDDEN.findall(text)}


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code in (200, 201, 303), (response.status_code, response.text[:300])
    return elapsed, response


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def signed_in(app: Any, username: str, password: str) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    client.cookies.set("zairyu_lang", "ja")
    token = re.search(r'name="signin_token" value="([^"]+)"', client.get("/sign-in").text)
    assert token
    data = {
        "organisation": ORG,
        "username": username,
        "password": password,
        "signin_token": token.group(1),
    }
    client.post("/sign-in", data=data, follow_redirects=False)
    return client


def interview_steps(client: TestClient, household: dict[str, Any]) -> list[float]:
    """Screen ``household`` through the pages; the time of each answer's request."""
    roles = [m["role"] for m in household["members"]]
    counts = {r: roles.count(r) for r in ("parent", "child", "other_relative")}
    form = hidden(client.get("/interview").text)
    page = client.post(
        "/interview/start",
        data={"csrf_token": form["csrf_token"], "parents": counts["parent"],
              "children": counts["child"], "relatives": counts["other_relative"]},
    )  # fmt: skip
    ids: dict[str, int] = {}
    renamed = {}
    for member in household["members"]:  # the pages number members p1, c1, r1 by role
        prefix = {"parent": "p", "child": "c", "other_relative": "r"}[member["role"]]
        ids[prefix] = ids.get(prefix, 0) + 1
        renamed[f"{prefix}{ids[prefix]}"] = member["id"]
    times = []
    while 'name="path"' in page.text and len(times) < 200:
        fields = hidden(page.text)
        question = BY_PATH[fields["path"]]
        subject = fields["subject"]
        value = known_value(household, renamed.get(subject, subject), fields["path"])
        data = {**fields, **fields_for(question, value)}
        elapsed, page = timed(
            lambda data=data: client.post(
                "/interview/answer", data=data, headers={"HX-Request": "true"}
            )
        )
        times.append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="Requests per page.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        demo = make_demo(Path(folder), EXAMPLES)
        app = create_app(Settings(database_url=demo.database_url, upgrade_on_start=False))
        username, _role, password = demo.users[0]
        client = signed_in(app, username, password)
        results = measure(client, args.repeat)
    print("| what | requests | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, values in results.items():
        p50, p95 = percentiles(values)
        print(f"| {name} | {len(values)} | {p50:.1f} | {p95:.1f} |")
    step50, step95 = percentiles(results["interview step (all examples)"])
    api50, _ = percentiles(results["peer: POST /api/v1/assessments"])
    print(f"\ninterview step p95 {step95:.1f} ms (target < 50 ms); "
          f"step p50 / API assessment p50 = {step50 / api50:.2f}")  # fmt: skip
    sys.exit(0 if step95 < 50 else 1)


def measure(client: TestClient, repeat: int) -> dict[str, list[float]]:
    case_link = re.search(r'href="(/cases/[0-9a-f-]{36})"', client.get("/cases").text)
    assert case_link
    case = case_link.group(1)
    csrf = hidden(client.get(case).text)["csrf_token"]
    _, assessed = timed(
        lambda: client.post(f"{case}/assess", data={"csrf_token": csrf}, follow_redirects=False)
    )
    assessment = assessed.headers["location"]
    measure_page = _a_measure(client, case, csrf)
    pages = {
        "GET /cases (list)": "/cases",
        "GET /cases/{id} (case page)": case,
        "GET /cases/{id}/assessments/{id}": assessment,
        "GET /caseload": "/caseload",
        "GET /interview (start)": "/interview",
        "GET /admin": "/admin",
        "GET /cases/{id}/measures": f"{case}/measures?today=2025-02-10",
        "GET /cases/{id}/measures/{id}": f"{measure_page}?today=2025-02-10",
        "GET /due": "/due?today=2025-02-10",
    }
    results = {
        name: [timed(lambda path=path: client.get(path))[0] for _ in range(repeat)]
        for name, path in pages.items()
    }
    steps, peer = [], []
    for path in sorted(EXAMPLES.glob("*.json")):
        household = json.loads(path.read_text())
        steps += interview_steps(client, household)
        body = {"as_of": "2025-06-01", "counterfactuals": False, "household": household}
        peer += [
            timed(
                lambda b=body: client.post(
                    "/api/v1/assessments", json=b, headers={"X-CSRF-Token": csrf}
                )
            )[0]
            for _ in range(3)
        ]
    results["interview step (all examples)"] = steps
    results["peer: POST /api/v1/assessments"] = peer
    return results


def _a_measure(client: TestClient, case: str, csrf: str) -> str:
    """Supervision measures recorded on the case through the page, with two events."""
    fields = {"kind": "supervision_before_order", "decided_on": "2025-01-10"}
    fields |= {"deposit_yen": "300000", "deposit_due_on": "2025-02-14"}
    fields |= {"supervisor_name": "S", "supervisor_staff": "yes"}
    made = client.post(
        f"{case}/measures", data={"csrf_token": csrf, **fields}, follow_redirects=False
    )
    assert made.status_code == 303, made.text
    page = made.headers["location"]
    for kind, day in (
        ("report_date_designated", "2025-02-18"),
        ("learned_illegal_work", "2025-02-03"),
    ):
        client.post(f"{page}/events", data={"csrf_token": csrf, "kind": kind, "day": day})
    return str(page)


if __name__ == "__main__":
    main()
