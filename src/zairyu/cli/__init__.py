"""The command line: one sub-command per job, each in its own module.

Each module registers its commands on ``zairyu.cli.app.app`` when imported. Importing every
module costs a third of a second (``explain`` alone brings sqlglot and pydantic), so they are
imported when needed: the ``zairyu COMMAND`` process imports only the module of ``COMMAND``
(``COMMANDS``); ``zairyu --help``, an unknown command, ``from zairyu.cli import app`` and the
root command built any other way (``CliRunner().invoke(app, ...)``, ``cli-reference``) import
them all (``MODULES``, in this order, which is the order ``--help`` lists them in). Add a new
module to ``MODULES`` and its commands to ``COMMANDS`` (a test checks both against what the
modules register).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from importlib import import_module
from typing import Any, NoReturn

import typer
from typer import _click as click
from typer.core import TyperGroup

from zairyu.cli.app import app as _app

MODULES = (
    "accounts",
    "assess",
    "audit",
    "batch",
    "check",
    "compare",
    "convert",
    "db",
    "demo",
    "documents",
    "explain",
    "policies",
    "policy_show",
    "reference",
    "reminders",
    "serve",
    "sql",
    "stats",
    "synth",
    "transfer",
)
"""Every module of ``zairyu.cli`` that registers commands."""

COMMANDS = {
    "org": "accounts",
    "user": "accounts",
    "assess": "assess",
    "schema": "assess",
    "audit": "audit",
    "batch": "batch",
    "check": "check",
    "compare": "compare",
    "convert": "convert",
    "db": "db",
    "demo": "demo",
    "memo": "documents",
    "checklist": "documents",
    "sheet": "documents",
    "explain": "explain",
    "policies": "policies",
    "policy": "policy_show",
    "reminders": "reminders",
    "serve": "serve",
    "sql": "sql",
    "stats": "stats",
    "synth": "synth",
    "export": "transfer",
    "import": "transfer",
}
"""Command (or command group) name -> the module that registers it. ``cli-reference`` is not
here: it documents every command, so every module is imported for it."""


def load(command: str | None = None) -> None:
    """Import the module that registers ``command``; every module for None or a name not in
    ``COMMANDS``."""
    module = COMMANDS.get(command) if command is not None else None
    for name in (module,) if module is not None else MODULES:
        import_module(f"zairyu.cli.{name}")


class _Root(TyperGroup):
    """The root command. Made by ``main`` for a known command, it holds that command's module
    only; made otherwise (``CliRunner``, ``cli-reference``), it imports every module first, as
    importing ``zairyu.cli`` once did. Either way a command not yet imported is imported when
    asked for by name, and every one when all are listed (``--help``)."""

    only: str | None = None  # set by main() while it runs one known command
    _building = False

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if _Root.only is None and not _Root._building:
            load()
            self._refresh()

    def _refresh(self) -> None:
        _Root._building = True
        try:
            self.commands = dict(typer.main.get_group(_app).commands)
        finally:
            _Root._building = False

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            load(cmd_name)
            self._refresh()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load()
        self._refresh()
        return super().list_commands(ctx)


_app.info.cls = _Root


@_app.callback()
def _root() -> None:
    # A callback keeps the app a group (typer makes a lone command the root, and refuses an app
    # with none) while no module is imported yet. No docstring: the root's help is the app's.
    return None


def __getattr__(name: str) -> Any:
    """``from zairyu.cli import app``: the app with every command registered."""
    if name == "app":
        load()
        globals()["app"] = _app
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# importing zairyu.cli.app bound the module to this package's name "app": the name is the
# Typer app (through __getattr__, all commands loaded), as before
del globals()["app"]


# Commands that read their input once, write their results and end. While one runs, Python's
# cyclic garbage collector is off: its data is freed by reference counting, and the collector's
# passes over the modules a batch imports cost about 5 % of a batch of 10,000 persons. It ends
# without freeing what it holds (``_end``), once the exit handlers have run and the output
# streams are flushed, as mypy ends its runs: 55 ms of a batch of a million persons.
RUN_ONCE = frozenset({"batch"})


def main() -> None:
    """Entry point of the ``zairyu`` console script.

    Imports only the module of the command asked for (all of them for ``--help``). A file
    that cannot be read or written ends the command with a message and exit code 2, never a
    traceback.
    """
    command = sys.argv[1] if len(sys.argv) > 1 else None
    once = command in RUN_ONCE
    if once:
        gc.disable()
    load(command)
    _Root.only = command if command in COMMANDS else None
    try:
        # always a group: with one command imported, typer would make it the root command
        typer.main.get_group(_app)()
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        sys.stderr.write(f"zairyu: cannot use{where}: {error.strerror or error}\n")
        if once:
            _end(2)
        raise SystemExit(2) from None
    except SystemExit as stop:
        if once:
            _end(stop.code)
        raise
    finally:
        _Root.only = None


def _end(code: str | int | None) -> NoReturn:
    """End the process as ``SystemExit(code)`` would, without freeing its objects: the exit
    handlers run (the parse cache is saved, logging flushed), then the output streams are
    flushed. Only for ``RUN_ONCE`` commands, which close every file they write."""
    status = code if isinstance(code, int) else 0 if code is None else 1
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
