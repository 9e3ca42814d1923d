"""Run zairyu code in a fresh Python process with a cache folder of its own, and see what it
imported: the tests of what a run over a warm cache no longer loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def imported_after(code: str, module: str, cache: Path) -> bool:
    """Whether ``module`` is loaded once ``code`` has run in a fresh process using ``cache``
    (asked when the process exits: a command may end it without returning)."""
    program = f"import atexit, sys\natexit.register(lambda: print({module!r} in sys.modules))\n"
    program += code
    done = subprocess.run(
        [sys.executable, "-c", program],
        check=False,
        env={**os.environ, "ZAIRYU_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return {"True": True, "False": False}[done.stdout.strip().splitlines()[-1]]
