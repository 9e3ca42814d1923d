"""Read policy files and the source registry, with errors that name the file and the item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zairyu.policies.files import (
    POLICY_DIR,
    POLICY_FILE,
    SOURCES_FILE,
    PolicyFileError,
    policy_files,
)
from zairyu.policies.schema import Policy, Source
from zairyu.yaml_files import YamlError, read_yaml

__all__ = [
    "POLICY_DIR",
    "POLICY_FILE",
    "SOURCES_FILE",
    "PolicyFileError",
    "check_citations",
    "item_label",
    "load_policy_file",
    "load_sources",
    "policy_files",
]


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml(path)
    except YamlError as error:
        raise PolicyFileError(str(path), "file", f"not valid YAML: {error}") from None
    except OSError as error:
        raise PolicyFileError(str(path), "file", f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise PolicyFileError(str(path), "file", "not UTF-8 text") from None


def item_label(raw: Any, loc: tuple[int | str, ...], whole: str = "policy") -> tuple[str, str]:
    """Turn a pydantic location into ("condition 'x'", "citation.source"); a location outside
    any list of items is named ``whole`` (the policy, a rules file)."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        section, index = loc[0], loc[1]
        entries = raw.get(section) if isinstance(raw, dict) else None
        name = None
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            name = entries[index].get("id")
        kind = section.rstrip("s")
        label = f"{kind} '{name}'" if name else f"{section}[{index}]"
        return label, ".".join(str(p) for p in loc[2:])
    return whole, ".".join(str(p) for p in loc)


def load_policy_file(path: Path, sources: dict[str, Source] | None = None) -> Policy:
    """Load and validate one policy file; with ``sources``, check every citation resolves."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise PolicyFileError(str(path), "file", "must be a mapping with id, conditions, ...")
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        label, field = item_label(raw, tuple(first["loc"]))
        problem = "is required" if first["type"] == "missing" else first["msg"]
        more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
        raise PolicyFileError(str(path), label, f"{field or 'value'}: {problem}{more}") from None
    if sources is not None:
        check_citations(policy, str(path), sources)
    return policy


def check_citations(policy: Policy, source: str, sources: dict[str, Source]) -> None:
    """Every source id a policy names must be in the registry."""
    for sid in policy.sources:
        if sid not in sources:
            raise PolicyFileError(source, "sources", f"'{sid}' is not in the source registry")
    items: list[tuple[str, Any]] = [
        *((f"parameter '{p.id}'", p.citation) for p in policy.parameters),
        *((f"variable '{v.id}'", v.citation) for v in policy.variables),
        *((f"condition '{c.id}'", c.citation) for c in policy.conditions),
    ]
    for label, citation in items:
        if citation is not None and citation.source not in sources:
            raise PolicyFileError(
                source, label, f"cites '{citation.source}', which is not in the source registry"
            )


def load_sources(path: Path = SOURCES_FILE) -> dict[str, Source]:
    """The registry of legal sources, by id."""
    raw = _read_yaml(path)
    entries = raw.get("sources") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise PolicyFileError(str(path), "file", "must have a list 'sources'")
    registry: dict[str, Source] = {}
    for index, entry in enumerate(entries):
        try:
            item = Source.model_validate(entry)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"])
            raise PolicyFileError(
                str(path), f"sources[{index}]", f"{field}: {first['msg']}"
            ) from None
        if item.id in registry:
            raise PolicyFileError(str(path), f"source '{item.id}'", "duplicate id")
        registry[item.id] = item
    return registry
