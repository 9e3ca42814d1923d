"""A reform: a small YAML file that changes a policy's parameters or replaces the expression of
some of its variables and conditions. Example (examples/reforms/children-under-20.yaml)::

    id: children-under-20
    policy: children-2023
    title: Children under 20 are covered
    parameters: {age_of_majority: 20}
    replace: {}            # variable or condition id -> new expression
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zairyu.engine.plan import Plan, PolicyError, compile_policy


class ReformError(ValueError):
    """A reform file that cannot be applied; the message names the file and the item."""


class Reform(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    policy: str
    title: str
    parameters: dict[str, date | bool | int | str] = {}
    replace: dict[str, str] = {}


def load_reform(path: Path) -> Reform:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Reform.model_validate(raw)
    except OSError as error:
        raise ReformError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ReformError(f"{path}: not valid YAML: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        raise ReformError(f"{path}: {where}: {first['msg']}") from None


def apply_reform(base: Plan, reform: Reform, source: str) -> Plan:
    """The policy with the reform's replacements, compiled with its parameter values."""
    policy = base.policy
    known = {v.id for v in policy.variables} | {c.id for c in policy.conditions}
    unknown = sorted(set(reform.replace) - known)
    if unknown:
        raise ReformError(
            f"{source}: replace: no variable or condition {', '.join(map(repr, unknown))} "
            f"in policy '{policy.id}'"
        )
    changed = policy.model_copy(
        update={
            "variables": [
                v.model_copy(update={"expr": reform.replace[v.id]}) if v.id in reform.replace else v
                for v in policy.variables
            ],
            "conditions": [
                c.model_copy(update={"expr": reform.replace[c.id]}) if c.id in reform.replace else c
                for c in policy.conditions
            ],
        }
    )
    try:
        return compile_policy(changed, source, overrides=dict(reform.parameters))
    except PolicyError as error:
        raise ReformError(str(error)) from None
