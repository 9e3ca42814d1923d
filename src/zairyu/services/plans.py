"""Which policies to apply: named ones (ids from the catalogue, or policy files), or every
policy in force on the date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zairyu.engine.catalogue import NoPolicyInForce, default_catalogue
from zairyu.engine.compiled import Plan
from zairyu.engine.plan_cache import compiled
from zairyu.policies.files import PolicyFileError
from zairyu.services.errors import PolicyChoiceError


def choose_plans(policies: list[str] | None, as_of: date) -> list[Plan]:
    """Policy ids from the catalogue, or paths to policy files; by default all in force.

    Raises ``PolicyChoiceError`` naming the policy and why it cannot be used on ``as_of``."""
    files = [p for p in policies or [] if p.endswith((".yaml", ".yml"))]
    ids = [p for p in policies or [] if p not in files]
    try:
        plans = [_compiled_file(f) for f in files]
        if ids or not files:
            plans += default_catalogue().select(as_of, ids or None)
    except (NoPolicyInForce, KeyError, PolicyFileError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        raise PolicyChoiceError(str(message)) from None
    return plans


def _compiled_file(name: str) -> Plan:
    """A policy file, compiled (once: ``zairyu.engine.plan_cache``)."""
    path = Path(name)

    def build() -> Plan:
        # Read and compiled only where the cache folder holds no plan of this file as it is.
        from zairyu.engine.plan import compile_policy  # noqa: PLC0415
        from zairyu.policies.loader import load_policy_file  # noqa: PLC0415

        return compile_policy(load_policy_file(path), name)

    return compiled("file", [path], build)
