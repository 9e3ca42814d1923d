"""A policy's steps come in one order, whatever Python's hash seed: the results' columns must
not change from run to run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = (
    "from zairyu.engine.catalogue import default_catalogue; c = default_catalogue(); "
    "print([[s.name for s in c.get(p).steps] for p in sorted(c.plans)])"
)


def _order(seed: str) -> str:
    env = os.environ | {"PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("seed", ["1", "2", "3"])
def test_the_order_of_a_policys_steps_does_not_depend_on_the_hash_seed(seed):
    assert _order(seed) == _order("0")
