"""Compiled policies kept between runs, in zairyu's cache folder (``zairyu.cache``).

Compiling the four shipped policies takes about 30 ms and needs the household model, the scope
rule and the law's facts imported (another 40 ms); a compiled catalogue or policy file read
back takes 3 ms. What is kept is the compiled plan (``zairyu.engine.plan.Plan``: the policy as
checked, its expressions as typed trees), never a person's data.

- **When it is used**: the file's name is a digest of everything a plan is compiled from: the
  policy files given, and every module and data file of ``zairyu.engine``, ``zairyu.policies``
  and ``zairyu.model`` (by size and modification time), with the versions of Python and
  pydantic. An edited policy file or a changed zairyu never reads an older plan.
- **When it fails**: a file that cannot be read back is ignored and replaced; where the folder
  cannot be written, every run compiles, as without a cache. A policy file that does not compile
  is never kept: its error is raised again on every run.
- **Trust**: the file is a Python pickle, which can run code when read, like the bytecode
  Python keeps beside its modules. It is read only from the cache folder, which only its owner
  can read or write (``zairyu.cache``); do not point ``ZAIRYU_CACHE_DIR`` at a folder others
  can write.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

from zairyu.cache import cache_folder, installed_digest, write_whole

T = TypeVar("T")
FORMAT = 2  # 2: a plan's definitions deferred (zairyu.engine.compiled.Deferred)
PACKAGE = Path(__file__).parents[1]
COMPILED_FROM = ("engine", "policies", "model")


@cache
def _code_digest() -> bytes:
    """zairyu's code and data that a plan is compiled from, as it is installed now."""
    folders = [PACKAGE / folder for folder in COMPILED_FROM]
    spec = find_spec("pydantic")  # found, not imported: a batch over a warm cache never needs it
    if spec is not None and spec.origin is not None:
        folders.append(Path(spec.origin).with_name("version.py"))
    return installed_digest(f"{FORMAT}:{sys.version}", folders)


def _names(kind: str, inputs: list[Path]) -> tuple[str, str]:
    """(what the file is for: the kind and the input files' paths, what it was built from)."""
    named = hashlib.sha256(kind.encode())
    held = hashlib.sha256(_code_digest())
    for path in inputs:
        named.update(str(path.resolve()).encode() + b"\0")
        held.update(path.read_bytes() + b"\0")
    return named.hexdigest()[:12], held.hexdigest()[:24]


def compiled(kind: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """What ``build`` returns for these input files, read back where it was kept before.

    ``kind`` names what is built (one cached file per kind and input files). An input that
    cannot be read is left to ``build``, which reports it."""
    folder = cache_folder()
    if folder is None:
        return build()
    try:
        named, held = _names(kind, list(inputs))
    except OSError:
        return build()
    path = folder / f"plans-{kind}-{named}-{held}.pickle"
    try:
        kept: T = pickle.loads(path.read_bytes())  # read only from the owner's private folder
    except Exception:  # missing, cut short or from another version: compiled again, alike
        pass
    else:
        return kept
    built = build()
    data = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    write_whole(path, data, replaces=f"plans-{kind}-{named}-*.pickle")
    return built
