"""The benchmark rule set as an OpenFisca country package, for ``openfisca serve``.

Nothing is defined here: entities, parameters and variables come from
``benchmarks/engines/openfisca_engine.py`` (the module ``make bench`` times in process), so the
served rules and the in-process rules are one definition. ``benchmarks/api/run.py`` puts the
repository root and ``benchmarks/api`` on ``PYTHONPATH`` and runs
``openfisca serve --country-package openfisca_zairyu_benchmark``.
"""

from __future__ import annotations

from benchmarks.engines.openfisca_engine import BenchmarkTaxBenefitSystem


class CountryTaxBenefitSystem(BenchmarkTaxBenefitSystem):
    """The benchmark rule set with its baseline parameters (age limit 18, two convictions,
    twelve months of unsuspended prison)."""


__all__ = ["CountryTaxBenefitSystem"]
