"""What is wrong with a household, as a use case refuses it: each problem names the household,
the person and the field. Kept apart from the model that finds the problems
(``zairyu.model.problems``) so that a use case can name its refusals without importing the
household model (``zairyu batch`` reads caseload rows, not household files)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    where: str  # e.g. "household 'h1', member 'c1' (members[2])"
    field: str  # e.g. "date_of_birth"
    message: str

    def __str__(self) -> str:
        field = f"field '{self.field}'" if self.field else "the input"
        return f"{self.where}: {field}: {self.message}"


class InvalidHousehold(ValueError):
    """The household cannot be assessed. ``problems`` lists why."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: the household is not valid:\n{lines}")
