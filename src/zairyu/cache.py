"""zairyu's cache folder: what it has worked out from its own files, kept between runs so that a
command does not work it out again (policy expressions parsed, YAML files read).

It never holds a person's data: only what is computed from zairyu's code, its data files and the
policy files it is given. It lives in ``ZAIRYU_CACHE_DIR`` (default ``$XDG_CACHE_HOME/zairyu``, or
``~/.cache/zairyu``), a folder only its owner can read; ``ZAIRYU_CACHE_DIR`` set to an empty value
turns it off. Every file in it is named by a digest of what it was computed from, so a changed
input is never answered from an older file; a file that cannot be read is ignored and one that
cannot be written is not written (the work is then done each run, as without a cache). Files are
written whole, to a temporary name renamed over the old one, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

DATE_KEY = "\x00date"
"""A date in a cached JSON file is the object ``{DATE_KEY: "YYYY-MM-DD"}`` (no key of a YAML file
or of an expression node starts with NUL)."""


def json_date(day: date) -> dict[str, str]:
    return {DATE_KEY: day.isoformat()}


def date_or_object(value: dict[str, Any]) -> Any:
    """A JSON object as read back: the date it stands for, or the object itself."""
    if len(value) == 1 and DATE_KEY in value:
        return date.fromisoformat(value[DATE_KEY])
    return value


def cache_folder() -> Path | None:
    """Where the cache lives, or None when ``ZAIRYU_CACHE_DIR`` is set to an empty value."""
    configured = os.environ.get("ZAIRYU_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "zairyu"


def installed_digest(label: str, paths: Iterable[Path]) -> bytes:
    """A digest of installed files as they are now (each by its path, size and modification
    time; a folder by every module and data file under it), begun with ``label`` (the versions
    and format the cached thing also depends on). What names a cached file by the code that
    computed it."""
    digest = hashlib.sha256(label.encode())
    for path in paths:
        for name, stat in _files(str(path)):
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def _files(path: str) -> Iterator[tuple[str, os.stat_result]]:
    """The file at ``path``, or every module and data file under the folder, in a stable order."""
    if not os.path.isdir(path):
        yield path, os.stat(path)
        return
    with os.scandir(path) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                yield from _files(entry.path)
            elif entry.name.endswith((".py", ".yaml")):
                yield entry.path, entry.stat()


def write_whole(path: Path, text: str | bytes, *, replaces: str | None = None) -> bool:
    """Write ``text`` (or bytes) to ``path`` in the cache (its folder made private where it is
    new) and, with ``replaces`` (a glob), remove the older files it supersedes. False where it
    cannot."""
    import tempfile  # noqa: PLC0415 - costs more to import than a run that writes nothing

    temporary: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False
    if replaces is not None:
        for old in path.parent.glob(replaces):
            if old != path:
                old.unlink(missing_ok=True)
    return True
