"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser)
against the application served on a free local port, on a fresh SQLite store.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from zairyu import clock

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to a temporary folder, unless ZAIRYU_SCREENSHOTS names one (docs/screenshots to
# retake the documentation's), so that a test run leaves the work tree as it was.
SCREENSHOTS = Path(
    os.environ.get("ZAIRYU_SCREENSHOTS") or Path(tempfile.gettempdir()) / "zairyu-screenshots"
)
sys.path.insert(0, str(Path(__file__).parents[1] / "web" / "pages"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives chromium through Playwright")


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return (
            "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        return "browser tests need the playwright package (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = _missing()
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Server:
    url: str
    site: Any

    def member(self, role: str = "admin", org_id: str | None = None) -> tuple[str, str]:
        from zairyu.store.access import UserRole  # noqa: PLC0415 (optional: skipped when absent)

        return self.site.member(UserRole(role), org_id)


class StrictPolicy:
    """Serves every response with a Content-Security-Policy allowing only 'self' (no inline
    script or style), so that a page relying on either breaks here."""

    POLICY = b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_policy(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", self.POLICY),
                ]
            await send(message)

        await self.app(scope, receive, with_policy)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The browser journeys run on a fixed day, so the screenshots they save never depend on the day
# they were taken (no clock in what is committed).
FIXED_TODAY = date(2025, 6, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Each browser test runs on FIXED_TODAY, and only the browser tests: the server runs in
    this process, so it reads the patched clock while a test drives it (patching it for the
    whole session left every later test of the run on that day)."""
    monkeypatch.setattr(clock, "today", lambda: FIXED_TODAY)
    return FIXED_TODAY


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn  # noqa: PLC0415 (optional: skipped when absent)
    from pages_site import make_site  # noqa: PLC0415 (optional: skipped when absent)

    site = make_site(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    app = StrictPolicy(site.client.app)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", site)
    running.should_exit = True
    thread.join(timeout=10)
    site.db.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional: skipped when absent)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, locale="ja-JP")
    yield context.new_page()
    context.close()


def sign_in(page: Any, server: Server, username: str) -> None:
    from pages_site import PASSWORD  # noqa: PLC0415 (optional: skipped when absent)

    page.goto(f"{server.url}/sign-in")
    page.fill("#organisation", server.site.organisations[username])
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server.url}/cases")


def shot(page: Any, name: str, max_height: int = 2600) -> None:
    """The page from its top, down to ``max_height`` pixels (an assessment runs far longer)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state()  # a click may still be navigating on a loaded machine
    height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
    clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)


def unique() -> str:
    return uuid.uuid4().hex[:6]
