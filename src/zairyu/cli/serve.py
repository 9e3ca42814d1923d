"""`zairyu serve`: run the JSON API (upgrading the store's schema first)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from zairyu.cli.app import app, fail
from zairyu.cli.db import store_refusals
from zairyu.model.shown import shown

PORTS = (1, 65535)


def port_number(value: str | int) -> int:
    """A Typer ``parser`` for ``--port``: a whole number from 1 to 65535, else one line."""
    low, high = PORTS
    text = str(value).strip()
    if text.isascii() and text.isdigit() and low <= int(text) <= high:
        return int(text)
    raise fail(f"--port: {shown(str(value))} is not a port: write a number from {low} to {high}")


def log_config() -> dict[str, Any]:
    """Logging for uvicorn to set up in every worker process (basicConfig would reach only the
    parent): zairyu's access and error lines on standard error, uvicorn's own warnings."""
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(process)d %(name)s %(message)s"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "zairyu": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on, 1 to 65535.", parser=port_number)
    ] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the JSON API at /api/v1 (OpenAPI document at /api/v1/openapi.json).

    The store is ZAIRYU_DATABASE_URL, or a SQLite file in ZAIRYU_DATA_DIR
    (default ~/.local/share/zairyu); the audit key is ZAIRYU_AUDIT_KEY_FILE (see docs/audit.md).
    A store that cannot be reached or written is refused before serving (one line, exit 2).
    Put it behind HTTPS: session cookies are Secure.
    """
    # The store is imported here, not at the top: commands that do not use it start faster.
    import uvicorn

    from zairyu.store.database import Database

    with store_refusals("not serving"):
        db = Database()
        try:
            db.upgrade()
            db.check_writable()
        finally:
            db.dispose()
    uvicorn.run(
        "zairyu.web.app:serving_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
        log_config=log_config(),
    )
