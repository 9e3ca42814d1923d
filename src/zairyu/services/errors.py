"""The refusals of the use cases: each says what is wrong in words a caseworker can act on."""

from __future__ import annotations

from zairyu.model.invalid import InvalidHousehold, Problem

__all__ = ["REFUSALS", "InvalidHousehold", "PolicyChoiceError", "Problem", "ServiceError"]


class ServiceError(ValueError):
    """A request that cannot be carried out as asked; the message says why."""


class PolicyChoiceError(ServiceError):
    """An unknown policy, a policy file that cannot be used, or none in force on the date."""


# Everything a use case refuses with: a household that cannot be true (``InvalidHousehold``,
# from the core model, listing every problem by person and field) and the services' own errors.
REFUSALS: tuple[type[ValueError], ...] = (ServiceError, InvalidHousehold)
