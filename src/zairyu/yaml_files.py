"""YAML files read once: what a YAML file holds is kept in zairyu's cache (``zairyu.cache``) as
JSON, which reads about twenty times faster than libyaml reads the YAML, and without importing
PyYAML. The fact registry alone (``facts.yaml``) takes 10 ms to read as YAML, 0.5 ms as JSON.

The cached copy is named by a digest of the file's path and of its bytes, so an edited file is
read again; a file holding a value JSON cannot carry (YAML's sets, binary, times of day, keys
that are not text) is read as YAML every time. Dates are kept as dates.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from zairyu.cache import cache_folder, date_or_object, json_date, write_whole

FORMAT = b"1"


class YamlError(ValueError):
    """The file is not valid YAML; the message is PyYAML's."""


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("a key that is not text")
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime):
        raise TypeError("a time of day")
    if isinstance(value, date):
        return json_date(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a value of type {type(value).__name__}")


def _parse(text: bytes) -> Any:
    import yaml  # noqa: PLC0415 - only when the file was not read before

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text.decode("utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        raise YamlError(str(error)) from None


def read_yaml(path: Path) -> Any:
    """What the YAML file at ``path`` holds, as PyYAML's safe loader reads it.

    Raises ``OSError`` where the file cannot be read, ``UnicodeDecodeError`` where it is not
    UTF-8 and ``YamlError`` where it is not YAML."""
    text = path.read_bytes()
    folder = cache_folder()
    if folder is None:
        return _parse(text)
    named = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    held = hashlib.sha256(FORMAT + b"\0" + text).hexdigest()[:20]
    cached = folder / f"yaml-{named}-{held}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"), object_hook=date_or_object)
    except (OSError, ValueError):
        pass
    data = _parse(text)
    try:
        copy = json.dumps(_encode(data), ensure_ascii=False)
    except TypeError:
        return data
    write_whole(cached, copy, replaces=f"yaml-{named}-*.json")
    return data
