"""Who is acting, what they may do, and the refusals the store raises."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UserRole(StrEnum):
    admin = "admin"  # manages the organisation's users, and does everything else
    caseworker = "caseworker"  # records and changes cases
    reviewer = "reviewer"  # reads cases, runs assessments, records decisions
    read_only = "read_only"  # reads


WRITERS = frozenset({UserRole.admin, UserRole.caseworker})
ASSESSORS = frozenset({UserRole.admin, UserRole.caseworker, UserRole.reviewer})
ADMINS = frozenset({UserRole.admin})


@dataclass(frozen=True)
class Actor:
    """A signed-in user acting for one organisation, from one address."""

    user_id: str
    username: str
    org_id: str
    role: UserRole
    remote: str | None = None
    credential: str | None = None  # "session:<id>" or "token:<id>": how they signed in

    def require(self, roles: frozenset[UserRole]) -> None:
        if self.role not in roles:
            raise ForbiddenError(f"the role '{self.role}' may not do this")


class NotFoundError(LookupError):
    """No such record in the actor's organisation (whether or not it exists elsewhere)."""

    def __init__(self, entity: str) -> None:
        self.entity = entity
        super().__init__(f"{entity} not found")


class ForbiddenError(PermissionError):
    """The actor's role does not allow this."""


class ConflictError(Exception):
    """The record (a case, a measure, a measure's event) changed since the caller read it;
    ``current`` is what it is now, ``entity`` what it is, in words."""

    def __init__(
        self, current_version: int, current: dict[str, object], entity: str = "case"
    ) -> None:
        self.current_version = current_version
        self.current = current
        self.entity = entity
        super().__init__(f"the {entity} is now at version {current_version}")


class InvalidRequestError(ValueError):
    """The request is well-formed but cannot be applied; ``problems`` name the fields."""

    def __init__(self, problems: list[dict[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p['path']}: {p['message']}" for p in problems))
