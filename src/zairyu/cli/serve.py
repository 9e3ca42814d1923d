"""`zairyu serve`: run the JSON API (upgrading the store's schema first)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
import uvicorn

from zairyu.cli.app import app
from zairyu.store.database import Database


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the JSON API at /api/v1 (OpenAPI document at /api/v1/openapi.json).

    The store is ZAIRYU_DATABASE_URL, or a SQLite file in ZAIRYU_DATA_DIR
    (default ~/.local/share/zairyu). Put it behind HTTPS: session cookies are Secure.
    """
    db = Database()
    db.upgrade()
    db.dispose()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(
        "zairyu.web.app:serving_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
        log_level="warning",
    )
