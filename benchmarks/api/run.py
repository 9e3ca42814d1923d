"""One assessment through the API, zairyu against OpenFisca's own web API, paired: requests/s,
p50/p99 latency and the servers' CPU per request, at 32 connections (wrk).

    .venv/bin/python -m benchmarks.api.run [--rounds 5] [--duration 5s]

Both servers are started first, one worker process each, on loopback, and each one's answer for
the same household of three is fetched and compared. Then, round by round, every request is
measured in turn (the order rotated each round, one warm-up per request first): zairyu's
``POST /api/v1/assessments`` four ways (the default request: every policy in force,
counterfactuals on; the same with ``?lang=en&texts=reference``, every text in English and each
policy's static texts once; the default with ``"counterfactuals": false``, as OpenFisca
computes none; that restricted to ``children-2023``, the policy the benchmark rule set
simplifies) and OpenFisca's
``POST /calculate`` serving the benchmark rule set (``benchmarks/api/openfisca_zairyu_benchmark``,
which reuses ``benchmarks/engines/openfisca_engine.py``), and the floor of the web stack
(``benchmarks/api/floor_server.py``: FastAPI on uvicorn as ``zairyu serve`` runs it, answering
the default request's body with zairyu's answer and doing nothing else), the best requests/s
any zairyu request can reach on this machine. Each figure is paired with OpenFisca's in the
same round; the medians of those ratios are reported, with the load average.

Servers:
- zairyu: ``zairyu serve --workers 1``, i.e. uvicorn, one process; the bearer token is checked
  against a throw-away SQLite store (one select, then trusted for 5 s, as served).
- OpenFisca: ``openfisca serve --workers 1``, i.e. gunicorn with one sync worker (one request at
  a time, no keep-alive). No authentication.

CPU per request is the server's own (its process and children: user + system seconds, from
/proc through psutil) over the requests wrk counted: it holds when the machine is shared, where
requests/s do not. Needs ``wrk`` (Debian: apt-get install wrk). Writes
``benchmarks/api/results.json`` and ``results.md``. Numbers belong here, never in tests.
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
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil
from benchmarks.measure import spread

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
AS_OF = "2024-06-10"
OPENFISCA = "openfisca serve, POST /calculate (benchmark rule set)"
ZAIRYU_DEFAULT = "zairyu, POST /api/v1/assessments (all policies in force, counterfactuals on)"
ZAIRYU_REFERENCE = "zairyu, same, ?lang=en&texts=reference"
FLOOR = "floor: FastAPI on uvicorn answering zairyu's answer, nothing else (floor_server.py)"
REFERENCE_QUERY = "?lang=en&texts=reference"
OPENFISCA_BODY = HERE / "openfisca-situation.json"
FIGURES = ("requests_per_s", "p50_ms", "p99_ms", "server_cpu_ms_per_request")


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


def post(url: str, body: bytes, authorization: str) -> bytes:
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        content: bytes = response.read()
        return content


def wrk(
    url: str, body: Path, authorization: str, args: argparse.Namespace, duration: str = ""
) -> dict[str, Any]:
    env = os.environ | {"BODY_FILE": str(body), "AUTHORIZATION": authorization}
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}"]
    command += [f"-d{duration or args.duration}", "--latency", "-s", str(HERE / "post.lua"), url]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return parse(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse(out: str) -> dict[str, Any]:
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
    # no_excluded_parent is a child's condition (the child's own parents); held by every child
    no_excluded = all(
        c["no_excluded_parent"] is True for c in conditions.values() if "no_excluded_parent" in c
    )
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


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    authorization: str = ""

    def cpu_s(self) -> float:
        """User + system CPU seconds of the server and its children so far."""
        root = psutil.Process(self.process.pid)
        total = 0.0
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
        return total


def start_zairyu(args: argparse.Namespace, work: Path) -> Server:
    env = os.environ | {"ZAIRYU_DATA_DIR": str(work)}
    env.pop("ZAIRYU_DATABASE_URL", None)
    cli = str(BIN / "zairyu")
    subprocess.run([cli, "org", "add", "bench"], env=env, check=True, capture_output=True)
    subprocess.run(
        [cli, "user", "add", "bench", "--org", "bench", "--password-stdin"],
        env=env,
        input="a sound passphrase 7\n",
        text=True,
        check=True,
        capture_output=True,
    )
    token = subprocess.run(
        [cli, "user", "token", "bench", "--org", "bench"],
        env=env,
        text=True,
        check=True,
        capture_output=True,
    ).stdout.strip()
    process = subprocess.Popen(
        [cli, "serve", "--port", str(args.port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    server = Server("zairyu", process, f"{base}/api/v1/assessments", f"Bearer {token}")
    wait_until_up(f"{base}/api/v1/openapi.json")
    return server


def launch(
    name: str, command: list[str], env: dict[str, str], port: int, path: str, probe: str
) -> Server:
    """Start a server on loopback at ``port`` and wait until ``probe`` answers."""
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    server = Server(name, process, base + path)
    wait_until_up(base + probe)
    return server


def start_floor(args: argparse.Namespace, work: Path, answer: bytes) -> Server:
    """The web stack's floor (``benchmarks/api/floor_server.py``), answering ``answer``."""
    port = args.port + 2
    (work / "floor-answer.json").write_bytes(answer)
    command = [sys.executable, "-m", "benchmarks.api.floor_server", "--port", str(port)]
    env = os.environ | {"FLOOR_ANSWER": str(work / "floor-answer.json")}
    return launch("floor", command, env, port, "/floor", "/openapi.json")


def start_openfisca(args: argparse.Namespace) -> Server:
    port = args.port + 1
    path = os.pathsep.join([str(ROOT), str(HERE), os.environ.get("PYTHONPATH", "")])
    command = [str(BIN / "openfisca"), "serve", "--country-package", args.openfisca_package]
    command += ["--port", str(port), "--workers", "1"]
    env = os.environ | {"PYTHONPATH": path.rstrip(os.pathsep)}
    return launch("openfisca", command, env, port, "/calculate", "/spec")


def requests(
    work: Path, zairyu: Server, openfisca: Server | None, floor: Server | None, body: Path
) -> dict[str, Any]:
    """Each measured request: label -> (server, body file, URL)."""
    out: dict[str, Any] = {}
    household = json.loads((HERE / "household.json").read_text())
    bodies = {
        ZAIRYU_DEFAULT: (household, ""),
        ZAIRYU_REFERENCE: (household, REFERENCE_QUERY),
        "zairyu, same, counterfactuals off": (household | {"counterfactuals": False}, ""),
        "zairyu, same, counterfactuals off, children-2023 only": (
            household | {"counterfactuals": False, "policy_ids": ["children-2023"]},
            "",
        ),
    }
    for number, (label, (content, query)) in enumerate(bodies.items()):
        path = work / f"body-{number}.json"
        path.write_text(json.dumps(content))
        out[label] = (zairyu, path, zairyu.url + query)
    if floor:
        out[FLOOR] = (floor, out[ZAIRYU_DEFAULT][1], floor.url)
    if openfisca:
        out[OPENFISCA] = (openfisca, body, openfisca.url)
    return out


def answers_of(measured: dict[str, Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for label, (server, body, url) in measured.items():
        content = post(url, body.read_bytes(), server.authorization)
        read = openfisca_answer if server.name == "openfisca" else zairyu_answer
        answers[label] = read(json.loads(content))
        answers[label + ", response bytes"] = len(content)
    return answers


def measure_once(server: Server, body: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    cpu = server.cpu_s()
    figures: dict[str, Any] = wrk(url, body, server.authorization, args)
    used = server.cpu_s() - cpu
    figures["server_cpu_ms_per_request"] = round(used / max(figures["requests"], 1) * 1e3, 3)
    figures["load_1min"] = round(os.getloadavg()[0], 2)
    return figures


def rounds(measured: dict[str, Any], args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    for server, body, url in measured.values():  # one warm-up per request
        wrk(url, body, server.authorization, args, args.warmup)
    labels = list(measured)
    samples: dict[str, list[dict[str, Any]]] = {label: [] for label in labels}
    for number in range(args.rounds):
        shift = number % len(labels)
        for label in labels[shift:] + labels[:shift]:
            server, body, url = measured[label]
            samples[label].append(measure_once(server, body, url, args))
        print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)
    return samples


def summarise(samples: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    peer = samples.get(OPENFISCA)
    out: dict[str, Any] = {}
    for label, runs in samples.items():
        row: dict[str, Any] = {key: spread([r[key] for r in runs], 3) for key in FIGURES}
        row["non_2xx"] = sum(r["non_2xx"] for r in runs)
        row["socket_errors"] = sorted({r["socket_errors"] for r in runs} - {""})
        row["runs"] = runs
        if peer and label != OPENFISCA:
            pairs = list(zip(runs, peer, strict=True))
            row["vs_openfisca"] = {
                key: spread([a[key] / b[key] for a, b in pairs], 3) for key in FIGURES
            }
        out[label] = row
    return out


def table(results: dict[str, Any]) -> str:
    lines = [
        "| server and request | requests/s | p50 ms | p99 ms | server CPU ms/request "
        "| req/s ratio | p50 ratio | p99 ratio | CPU/request ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, m in results["measurements"].items():
        cells = [f"{m[k]['median']:,.2f}" for k in FIGURES]
        vs = m.get("vs_openfisca")
        cells += (
            [f"{vs[k]['median']:.2f} ({vs[k]['min']:.2f}–{vs[k]['max']:.2f})" for k in FIGURES]
            if vs
            else [""] * 4
        )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Medians over "
        f"{results['rounds']} rounds of {results['duration']} per request (after a "
        f"{results['warmup']} warm-up each), requests in turn within a round, the order rotated; "
        "ratios are zairyu / OpenFisca round by round, then the median (min–max): above 1 for "
        "requests/s and below 1 for latency and CPU mean zairyu is better. "
        f"{results['connections']} connections, {results['threads']} wrk threads, one server "
        f"worker process each. Load average before {results['load_before']}, after "
        f"{results['load_after']}.",
    ]
    targets = []
    for label, name in ((ZAIRYU_DEFAULT, "default request"), (ZAIRYU_REFERENCE, REFERENCE_QUERY)):
        vs = results["measurements"].get(label, {}).get("vs_openfisca")
        if vs:
            rps, p99 = vs["requests_per_s"]["median"], vs["p99_ms"]["median"]
            targets += [
                f"| {name}: ≥ 3× OpenFisca's requests/s | {rps:.2f}× "
                f"| {'yes' if rps >= 3 else '**no**'} |",
                f"| {name}: p99 no higher than OpenFisca's | {p99:.2f}× "
                f"| {'yes' if p99 <= 1 else '**no**'} |",
            ]
    floor = results["measurements"].get(FLOOR, {}).get("vs_openfisca")
    if floor:
        rps, p99 = floor["requests_per_s"]["median"], floor["p99_ms"]["median"]
        targets.append(
            f"| the web stack's floor, paired in the same rounds: {rps:.2f}× OpenFisca's "
            f"requests/s, p99 {p99:.2f}× | {'above' if rps >= 3 else 'below'} the 3× target "
            "| the best any request can reach |"
        )
    if targets:
        lines += ["", "| target | measured | met |", "|---|---|---|", *targets]
    sizes = {
        label.removesuffix(", response bytes"): size
        for label, size in results.get("answers", {}).items()
        if label.endswith(", response bytes")
    }
    if sizes:
        lines += ["", "Response bytes: " + "; ".join(f"{k}: {v:,}" for k, v in sizes.items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--openfisca-package", default="openfisca_zairyu_benchmark")
    parser.add_argument("--openfisca-body", default=str(OPENFISCA_BODY))
    parser.add_argument("--no-openfisca", action="store_true", help="measure zairyu alone")
    parser.add_argument("--no-floor", action="store_true", help="without the web stack's floor")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", default="5s", help="per request and round")
    parser.add_argument("--warmup", default="3s")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--max-load", type=float, default=1.0, help="wait until load is below")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    wait_until_idle(args.max_load, timeout_s=600)
    results: dict[str, Any] = {
        key: getattr(args, key) for key in ("connections", "threads", "rounds", "duration")
    } | {"warmup": args.warmup, "load_before": [round(x, 2) for x in os.getloadavg()]}
    results |= describe()
    servers: list[Server] = []
    with tempfile.TemporaryDirectory() as work:
        try:
            zairyu = start_zairyu(args, Path(work))
            servers.append(zairyu)
            openfisca = None if args.no_openfisca else start_openfisca(args)
            servers += [openfisca] if openfisca else []
            default = json.loads((HERE / "household.json").read_text())
            answer = post(zairyu.url, json.dumps(default).encode(), zairyu.authorization)
            floor = None if args.no_floor else start_floor(args, Path(work), answer)
            servers += [floor] if floor else []
            measured = requests(Path(work), zairyu, openfisca, floor, Path(args.openfisca_body))
            answers = answers_of(measured)
            results["measurements"] = summarise(rounds(measured, args))
        finally:
            for server in servers:
                server.process.terminate()
                server.process.wait()
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["answers"] = answers
    compared = [a for label, a in answers.items() if not label.endswith("bytes")]
    results["answers_agree"] = all(a == compared[0] for a in compared)
    if not results["answers_agree"]:
        raise SystemExit(f"the servers' answers differ: {json.dumps(answers, indent=2)}")
    results["table"] = table(results)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    Path(args.out).with_suffix(".md").write_text(results["table"] + "\n")
    print(results["table"])


def describe() -> dict[str, Any]:
    wrk_version = subprocess.run(
        ["wrk", "--version"], check=False, capture_output=True, text=True
    ).stdout
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "servers": {
            "zairyu": f"zairyu serve --workers 1: uvicorn {version('uvicorn')}, one process, "
            "bearer token checked against SQLite (one select, then trusted for 5 s)",
            "openfisca": f"openfisca serve --workers 1: gunicorn {version('gunicorn')}, one sync "
            f"worker, OpenFisca-Core {version('openfisca-core')}, no authentication",
            "wrk": wrk_version.split("Copyright")[0].strip(),
        },
    }


if __name__ == "__main__":
    main()
