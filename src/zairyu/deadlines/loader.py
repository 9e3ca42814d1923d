"""Read the deadline rules, with errors that name the file and the item (like policies.loader)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zairyu.deadlines.schema import RuleSet
from zairyu.policies.loader import PolicyFileError, _read_yaml, item_label, load_sources
from zairyu.policies.schema import Citation, Source

RULES_FILE = Path(__file__).parent / "rules.yaml"


class DeadlineFileError(PolicyFileError):
    """A deadline rules file that cannot be used: names the file, the item and the problem."""


def _read(path: Path) -> Any:
    """The file's YAML, read as a policy file is (``policies.loader``)."""
    try:
        return _read_yaml(path)
    except PolicyFileError as error:
        raise DeadlineFileError(error.source, error.item, error.problem) from None


def load_rules_file(path: Path, sources: dict[str, Source] | None = None) -> RuleSet:
    """Load and validate one rules file; every citation must name a registered source."""
    raw = _read(path)
    if not isinstance(raw, dict):
        raise DeadlineFileError(str(path), "file", "must be a mapping with id, rules, ...")
    try:
        rules = RuleSet.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        label, field = item_label(raw, tuple(first["loc"]), whole="rules file")
        problem = "is required" if first["type"] == "missing" else first["msg"]
        more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
        raise DeadlineFileError(str(path), label, f"{field or 'value'}: {problem}{more}") from None
    check_citations(rules, str(path), sources if sources is not None else load_sources())
    return rules


def check_citations(rules: RuleSet, where: str, sources: dict[str, Source]) -> None:
    for sid in rules.sources:
        if sid not in sources:
            raise DeadlineFileError(where, "sources", f"'{sid}' is not in the source registry")
    cited: list[tuple[str, Citation]] = [
        *((f"rule '{r.id}'", r.citation) for r in rules.rules),
        *((f"rule '{r.id}'", r.holiday.citation) for r in rules.rules),
        *((f"notice '{n.id}'", n.citation) for n in rules.notices),
    ]
    for label, citation in cited:
        if citation.source not in sources:
            raise DeadlineFileError(
                where, label, f"cites '{citation.source}', which is not in the source registry"
            )


@cache
def shipped_rules() -> RuleSet:
    """The rules shipped with zairyu (read once per process)."""
    return load_rules_file(RULES_FILE)
