"""`zairyu serve` as a deployment runs it: several workers still write the access log, and a
store that cannot be written is refused before serving."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ZAIRYU = str(Path(sys.executable).parent / "zairyu")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _env(db) -> dict[str, str]:
    return os.environ | {
        "ZAIRYU_DATABASE_URL": db.url,
        "ZAIRYU_AUDIT_KEY_FILE": str(db.audit_key_file),
    }


def test_with_two_workers_the_access_log_is_still_written(db, tmp_path):
    port = _free_port()
    log = tmp_path / "stderr.log"
    with log.open("w") as err:
        server = subprocess.Popen(
            [ZAIRYU, "serve", "--workers", "2", "--port", str(port)],
            env=_env(db),
            stderr=err,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}/api/v1"
            for _ in range(120):
                try:
                    if _get(f"{base}/openapi.json") == 200:
                        break
                except OSError:
                    time.sleep(0.5)
            statuses = [_get(f"{base}/cases") for _ in range(6)]
        finally:
            os.killpg(server.pid, signal.SIGINT)
            server.wait(timeout=30)
    assert statuses == [401] * 6
    text = log.read_text()
    assert text.count("GET /cases 401") + text.count("GET /api/v1/cases 401") == 6, text


def test_serve_refuses_a_read_only_sqlite_store(tmp_path, db):
    if not db.url.startswith("sqlite"):
        return  # the PostgreSQL case is tested through create_app in test_clear_answers
    path = db.url.removeprefix("sqlite:///")
    env = _env(db) | {"ZAIRYU_DATABASE_URL": f"sqlite:///file:{path}?mode=ro&uri=true"}
    done = subprocess.run(
        [ZAIRYU, "serve", "--port", str(_free_port())],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not serving: the database is read-only" in done.stderr
    assert "Traceback" not in done.stderr
