"""`zairyu org add` and `zairyu user add|token`: set up organisations and their users.

A username is unique in its organisation only, so every command that names a user takes the
organisation too (``--org``).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.cli.app import app
from zairyu.store.access import InvalidRequestError, NotFoundError, UserRole

if TYPE_CHECKING:
    from zairyu.store.accounts import Accounts

org_app = typer.Typer(help="Organisations: each sees only its own cases.", no_args_is_help=True)
user_app = typer.Typer(help="Users of an organisation.", no_args_is_help=True)
app.add_typer(org_app, name="org")
app.add_typer(user_app, name="user")

MIN_PASSWORD = 12


def accounts() -> Accounts:
    # The store is imported here, not at the top: commands that do not use it start faster.
    from zairyu.cli.db import closed_with_command, store_refusals
    from zairyu.store.accounts import Accounts
    from zairyu.store.database import Database

    with store_refusals("the store cannot be used"):
        database = closed_with_command(Database())
        database.upgrade()
    return Accounts(database)


def refuse(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=2)


@org_app.command("add")
def add_org(name: Annotated[str, typer.Argument(help="The organisation's name.")]) -> None:
    """Add an organisation."""
    try:
        accounts().add_org(name)
    except InvalidRequestError as error:
        raise refuse(str(error)) from None
    typer.echo(f"added organisation {name!r}")


@user_app.command("add")
def add_user(
    username: Annotated[str, typer.Argument()],
    org: Annotated[str, typer.Option(help="The organisation's name.")],
    role: Annotated[UserRole, typer.Option(help="What the user may do.")] = UserRole.caseworker,
    password_stdin: Annotated[
        bool, typer.Option(help="Read the password from standard input instead of a prompt.")
    ] = False,
) -> None:
    """Add a user to an organisation (the password is asked for, never an argument)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise refuse(f"the password must have at least {MIN_PASSWORD} characters")
    store = accounts()
    try:
        store.add_user(store.org_id(org), username, role, password)
    except NotFoundError:
        raise refuse(f"no organisation {org!r} (add it with: zairyu org add)") from None
    except InvalidRequestError as error:
        raise refuse(str(error)) from None
    typer.echo(f"added {role.value} {username!r} to {org!r}")


@user_app.command("token")
def issue_token(
    username: Annotated[str, typer.Argument()],
    org: Annotated[str, typer.Option(help="The name of the user's organisation.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Issue a personal API token for a user; it is printed once and stored only hashed."""
    store = accounts()
    try:
        actor = store.find_user(org, username)
    except NotFoundError:
        raise refuse(f"no user {username!r} in organisation {org!r}") from None
    _, token = store.issue_token(replace(actor, remote="cli"), name)
    typer.echo(token)
