"""`zairyu demo`: the web application on a throwaway store, with demo users printed."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from zairyu.cli.app import app


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    examples: Annotated[
        Path, typer.Option(help="Folder of household files loaded as demo cases (if it exists).")
    ] = Path("examples"),
) -> None:
    """Serve the web pages and the JSON API on a new SQLite store in a temporary folder, with a
    demo organisation, an admin and a caseworker (passwords printed here), and the example
    households as cases. Everything is deleted when the command ends."""
    import uvicorn

    from zairyu.web.app import create_app
    from zairyu.web.demo import ORG, make_demo
    from zairyu.web.settings import Settings

    with tempfile.TemporaryDirectory(prefix="zairyu-demo-") as folder:
        made = make_demo(Path(folder), examples)
        typer.echo(f"zairyu demo: open http://{host}:{port}/ (store deleted when you stop it)")
        typer.echo(f"  organisation: {ORG}")
        for username, role, password in made.users:
            typer.echo(f"  {role:<11} username: {username}  password: {password}")
        typer.echo(f"  {made.cases} demo cases. Stop with Ctrl+C.")
        settings = Settings(
            database_url=made.database_url,
            upgrade_on_start=False,
            evidence_dir=Path(folder) / "evidence",
        )
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            access_log=False,
            server_header=False,
            log_level="warning",
        )
