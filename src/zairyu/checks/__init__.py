"""Formal checks of a policy with the z3 SMT solver (``zairyu check``).

The compiled expression tree of a policy is encoded into z3 in SQL's three-valued logic: each
fact of each member is *unknown* or a value within its domain (``domains``), the household is
unrolled to a stated number of members (``encode``), and each check (``conditions``,
``outcomes``, ``monotone``, ``information``) asks the solver for a household that breaks a
property. Every household the solver finds is written as household JSON and run through the
scalar engine (``witness``) before it is reported; reviewed exceptions are waived in the policy
file (``waivers:``), keyed by a stable check id. See docs/checks.md.
"""
