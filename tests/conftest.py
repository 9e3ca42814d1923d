"""The whole suite, and every command it starts, uses a cache folder of its own (``zairyu.cache``):
a test never reads what an earlier run, or the person running the tests, left in theirs."""

from __future__ import annotations

import os
import tempfile

os.environ["ZAIRYU_CACHE_DIR"] = tempfile.mkdtemp(prefix="zairyu-test-cache-")
