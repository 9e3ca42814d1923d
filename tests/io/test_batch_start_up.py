"""What the batch path loads and writes: kept small, because every ``zairyu batch`` pays it."""

from __future__ import annotations

import subprocess
import sys

IMPORTED = "import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('pyarrow')))"


def _pyarrow_modules_after_importing(module: str) -> str:
    code = IMPORTED.format(module=module)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_batch_stack_does_not_import_pyarrow_at_start_up():
    assert _pyarrow_modules_after_importing("zairyu.services.batch") == "[]"


def test_the_batch_command_does_not_import_pyarrow_at_start_up():
    assert _pyarrow_modules_after_importing("zairyu.cli.batch") == "[]"
