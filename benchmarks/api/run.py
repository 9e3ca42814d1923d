"""One assessment through the API: p50/p99 latency and requests/s at 32 connections (wrk).

Measures zairyu's ``POST /api/v1/assessments`` and, in the same run and one after the other,
OpenFisca's own web API (``openfisca serve``, ``POST /calculate``) serving the benchmark rule set
(``benchmarks/api/openfisca_zairyu_benchmark``, which reuses
``benchmarks/engines/openfisca_engine.py``), for the same household of three:

    .venv/bin/python benchmarks/api/run.py

Servers, one worker process each, on loopback:
- zairyu: ``zairyu serve --workers 1``, i.e. uvicorn, one process; the sync route runs in
  Starlette's thread pool. Every request checks the bearer token against a throw-away SQLite
  store.
- OpenFisca: ``openfisca serve --workers 1``, i.e. gunicorn with one sync worker (one request at a
  time, no keep-alive). No authentication.

zairyu is measured three ways: the default request (every policy in force, counterfactuals on),
the same with ``"counterfactuals": false`` (OpenFisca computes none), and that restricted to
``children-2023``, the policy the benchmark rule set simplifies. Before measuring, each server's
answer for the household is fetched once and compared. Needs ``wrk`` (Debian: apt-get install
wrk). Writes ``benchmarks/api/results.json`` and ``results.md``. Numbers belong here, never in
tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
AS_OF = "2024-06-10"
OPENFISCA = "openfisca serve, POST /calculate (benchmark rule set)"


def wait_until_up(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def wait_until_idle(limit: float, timeout_s: float) -> float:
    deadline = time.monotonic() + timeout_s
    while (load := os.getloadavg()[0]) > limit and time.monotonic() < deadline:
        print(f"load average {load:.2f} > {limit}; waiting", file=sys.stderr)
        time.sleep(15)
    return load


def post(url: str, body: Path, authorization: str) -> Any:
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    request = urllib.request.Request(url, data=body.read_bytes(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wrk(url: str, body: Path, authorization: str, args: argparse.Namespace) -> dict[str, float]:
    env = os.environ | {"BODY_FILE": str(body), "AUTHORIZATION": authorization}
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}",
        "--latency",
        "-s",
        str(HERE / "post.lua"),
        url,
    ]
    warm = [*command[:3], f"-d{args.warmup}", *command[4:]]
    subprocess.run(warm, env=env, capture_output=True, check=True)
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    print(out, file=sys.stderr)
    return parse(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse(out: str) -> dict[str, float]:
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    assert p50 and p99 and rps and total, out
    return {
        "p50_ms": round(_ms(p50.group(1)), 3),
        "p99_ms": round(_ms(p99.group(1)), 3),
        "requests_per_s": float(rps.group(1)),
        "requests": int(total.group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": sockets.group(1).strip() if sockets else "",
    }


def zairyu_answer(response: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """The children-2023 result in the benchmark's terms, person by person."""
    policy = next(p for p in response["policies"] if p["policy_id"] == "children-2023")
    conditions = {
        p["person_id"]: {c["id"]: c["value"] for c in p["conditions"]} for p in policy["persons"]
    }
    some_child = any(c.get("child_eligible") is True for c in conditions.values())
    no_excluded = all(c.get("no_excluded_parent") is True for c in conditions.values())
    answer = {}
    for person in policy["persons"]:
        own = conditions[person["person_id"]]
        answer[person["person_id"]] = {
            "child_eligible": own.get("child_eligible") is True,
            "parent_excluded": person["role"] == "parent"
            and any(value is True for key, value in own.items() if key.startswith("ground_")),
            "household_eligible": some_child and no_excluded,
            "granted_candidate": person["outcome"]
            in ("within_measure", "within_measure_as_family"),
        }
    return answer


def openfisca_answer(response: dict[str, Any]) -> dict[str, dict[str, bool]]:
    names = ("child_eligible", "parent_excluded", "household_eligible", "granted_candidate")
    return {
        person_id: {name: variables[name][AS_OF] for name in names}
        for person_id, variables in response["persons"].items()
    }


def zairyu(args: argparse.Namespace, work: Path, answers: dict[str, Any]) -> dict[str, Any]:
    env = os.environ | {"ZAIRYU_DATA_DIR": str(work)}
    env.pop("ZAIRYU_DATABASE_URL", None)
    cli = str(BIN / "zairyu")
    subprocess.run([cli, "org", "add", "bench"], env=env, check=True, capture_output=True)
    subprocess.run(
        [cli, "user", "add", "bench", "--org", "bench", "--password-stdin"],
        env=env,
        input="benchmark password\n",
        text=True,
        check=True,
        capture_output=True,
    )
    token = subprocess.run(
        [cli, "user", "token", "bench"], env=env, text=True, check=True, capture_output=True
    ).stdout.strip()
    household = json.loads((HERE / "household.json").read_text())
    bodies = {
        "zairyu, POST /api/v1/assessments (all policies in force, counterfactuals on)": household,
        "zairyu, same, counterfactuals off": household | {"counterfactuals": False},
        "zairyu, same, counterfactuals off, children-2023 only": household
        | {"counterfactuals": False, "policy_ids": ["children-2023"]},
    }
    server = subprocess.Popen(
        [cli, "serve", "--port", str(args.port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = {}
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(f"{base}/api/v1/openapi.json")
        url = f"{base}/api/v1/assessments"
        for label, content in bodies.items():
            body = work / f"body-{len(results)}.json"
            body.write_text(json.dumps(content))
            response = post(url, body, f"Bearer {token}")
            answers[label] = zairyu_answer(response)
            answers[label + ", response bytes"] = len(json.dumps(response))
            results[label] = wrk(url, body, f"Bearer {token}", args)
    finally:
        server.terminate()
        server.wait()
    return results


def openfisca(args: argparse.Namespace, answers: dict[str, Any]) -> dict[str, Any]:
    port = args.port + 1
    path = os.pathsep.join([str(ROOT), str(HERE), os.environ.get("PYTHONPATH", "")])
    server = subprocess.Popen(
        [
            str(BIN / "openfisca"),
            "serve",
            "--country-package",
            args.openfisca_package,
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=os.environ | {"PYTHONPATH": path.rstrip(os.pathsep)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/spec")
        body = Path(args.openfisca_body)
        response = post(f"{base}/calculate", body, "")
        answers[OPENFISCA] = openfisca_answer(response)
        answers[OPENFISCA + ", response bytes"] = len(json.dumps(response))
        return {OPENFISCA: wrk(f"{base}/calculate", body, "", args)}
    finally:
        server.terminate()
        server.wait()


def table(results: dict[str, Any]) -> str:
    base = results["measurements"].get(OPENFISCA)
    lines = [
        "| server and request | p50 ms | p99 ms | requests/s "
        "| p50 ratio | p99 ratio | req/s ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, m in results["measurements"].items():
        ratios = ["", "", ""]
        if base and label != OPENFISCA:
            ratios = [
                f"{m['p50_ms'] / base['p50_ms']:.2f}",
                f"{m['p99_ms'] / base['p99_ms']:.2f}",
                f"{m['requests_per_s'] / base['requests_per_s']:.2f}",
            ]
        lines.append(
            f"| {label} | {m['p50_ms']:.2f} | {m['p99_ms']:.2f} | {m['requests_per_s']:,.0f} | "
            + " | ".join(ratios)
            + " |"
        )
    lines.append("")
    lines.append(
        "Ratios are zairyu / OpenFisca: below 1 for latency and above 1 for requests/s mean "
        f"zairyu is faster. {results['connections']} connections, {results['threads']} wrk "
        f"threads, {results['duration']} per row after a {results['warmup']} warm-up, "
        "one server worker process each."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--openfisca-package", default="openfisca_zairyu_benchmark")
    parser.add_argument("--openfisca-body", default=str(HERE / "openfisca-situation.json"))
    parser.add_argument("--no-openfisca", action="store_true", help="measure zairyu alone")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", default="15s")
    parser.add_argument("--warmup", default="3s")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--max-load", type=float, default=1.0, help="wait until load is below")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    load = wait_until_idle(args.max_load, timeout_s=600)
    wrk_version = subprocess.run(
        ["wrk", "--version"], check=False, capture_output=True, text=True
    ).stdout
    results: dict[str, Any] = {
        "connections": args.connections,
        "threads": args.threads,
        "duration": args.duration,
        "warmup": args.warmup,
        "load_average_before": round(load, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "servers": {
            "zairyu": f"zairyu serve --workers 1: uvicorn {version('uvicorn')}, one process, "
            "sync route in the thread pool, bearer token checked against SQLite per request",
            "openfisca": f"openfisca serve --workers 1: gunicorn {version('gunicorn')}, one sync "
            f"worker, OpenFisca-Core {version('openfisca-core')}, no authentication",
            "wrk": wrk_version.split("Copyright")[0].strip(),
        },
    }
    answers: dict[str, Any] = {}
    measurements: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work:
        measurements |= zairyu(args, Path(work), answers)
    if not args.no_openfisca:
        measurements |= openfisca(args, answers)
    results["measurements"] = measurements
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    results["answers"] = answers
    compared = [a for label, a in answers.items() if not label.endswith("bytes")]
    results["answers_agree"] = all(a == compared[0] for a in compared)
    results["table"] = table(results)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    Path(args.out).with_suffix(".md").write_text(results["table"] + "\n")
    print(json.dumps(answers, indent=2))
    print(f"answers agree: {results['answers_agree']}")
    print(results["table"])


if __name__ == "__main__":
    main()
