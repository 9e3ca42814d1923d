"""What a check finds: a stable id, a sentence, and the household that shows it.

A finding's id is stable (``<check>:<policy>:<subject>:<what>``, for example
``dead:children-2023:child_born_in_japan:never_true``) so that a reviewed exception can be
waived in the policy file by that id. An ``error`` fails ``zairyu check`` unless waived; a
``review`` (an overlap decided only by the order of outcomes, a question asked for nothing) is
reported for a lawyer to look at and fails only with ``--strict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Severity = Literal["error", "review"]


@dataclass(frozen=True)
class Scene:
    """One household on one day, with the outcome the solver claims for member p1 and the
    outcome the scalar engine gives it."""

    label: str
    as_of: date
    household: dict[str, Any]
    claimed: str
    engine: str | None = None
    mismatch: tuple[str, ...] = ()  # facts the household could not carry as the solver set them

    @property
    def confirmed(self) -> bool:
        return self.engine == self.claimed and not self.mismatch


@dataclass
class Finding:
    id: str
    check: str
    severity: Severity
    message: str
    scenes: list[Scene] = field(default_factory=list)
    waived: str | None = None  # the reason, if a waiver in the policy covers it

    @property
    def confirmed(self) -> bool:
        return all(s.confirmed for s in self.scenes)

    @property
    def fails(self) -> bool:
        return self.waived is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "waived": self.waived,
            "confirmed_by_engine": self.confirmed,
            "cases": [
                {
                    "label": s.label,
                    "as_of": s.as_of.isoformat(),
                    "household": s.household,
                    "claimed_outcome": s.claimed,
                    "engine_outcome": s.engine,
                    "mismatch": list(s.mismatch),
                }
                for s in self.scenes
            ],
        }


@dataclass
class PolicyReport:
    policy_id: str
    size: int
    checks: int = 0  # solver queries asked
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    unused_waivers: list[str] = field(default_factory=list)  # stale: they fail the run too
    undecided: list[str] = field(default_factory=list)  # questions the solver left open in time

    def failing(self, *, strict: bool = False) -> list[Finding]:
        return [f for f in self.findings if f.waived is None and (strict or f.severity == "error")]
