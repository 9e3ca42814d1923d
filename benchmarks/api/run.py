"""One assessment through the API: p50/p99 latency and requests/s at 32 connections (wrk).

Measures zairyu's ``POST /api/v1/assessments`` and, in the same run, OpenFisca's own web API
(``openfisca serve``) serving the benchmark rule set, when its country package is given:

    python benchmarks/api/run.py                                   # zairyu alone
    python benchmarks/api/run.py --openfisca-package openfisca_zairyu_benchmark \\
        --openfisca-body benchmarks/api/openfisca-situation.json   # both, side by side

Needs ``wrk`` (Debian: apt-get install wrk). Servers listen on loopback only; the store is a
throw-away SQLite file. Numbers belong here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent


def wait_until_up(url: str, timeout_s: float = 30.0) -> None:
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
    subprocess.run([*command[:4], "-d3s", *command[5:]], env=env, capture_output=True, check=True)
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return parse(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse(out: str) -> dict[str, float]:
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert p50 and p99 and rps, out
    return {
        "p50_ms": _ms(p50.group(1)),
        "p99_ms": _ms(p99.group(1)),
        "requests_per_s": float(rps.group(1)),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def zairyu(args: argparse.Namespace, work: Path) -> dict[str, float]:
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
    server = subprocess.Popen(
        [cli, "serve", "--port", str(args.port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(f"{base}/api/v1/openapi.json")
        return wrk(f"{base}/api/v1/assessments", HERE / "household.json", f"Bearer {token}", args)
    finally:
        server.terminate()
        server.wait()


def openfisca(args: argparse.Namespace) -> dict[str, float]:
    port = args.port + 1
    server = subprocess.Popen(
        [
            str(BIN / "openfisca"),
            "serve",
            "--country-package",
            args.openfisca_package,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/spec")
        return wrk(f"{base}/calculate", Path(args.openfisca_body), "", args)
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--openfisca-package", help="OpenFisca country package (importable name)")
    parser.add_argument("--openfisca-body", help="situation JSON to POST to OpenFisca /calculate")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--duration", default="15s")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (each)")
    parser.add_argument("--port", type=int, default=8900)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    results: dict[str, object] = {
        "connections": args.connections,
        "duration": args.duration,
        "workers": args.workers,
    }
    with tempfile.TemporaryDirectory() as work:
        results["zairyu POST /api/v1/assessments"] = zairyu(args, Path(work))
    if args.openfisca_package:
        results["openfisca POST /calculate"] = openfisca(args)
    else:
        results["openfisca"] = "not measured: no --openfisca-package given"
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
