"""Requests generated from the OpenAPI document never make the server fail, and every answer is
one the document promises: its status code, content type, headers and body schema
(Schemathesis, on SQLite and PostgreSQL).

A few examples per operation in the normal suite; ``ZAIRYU_SCHEMATHESIS_EXAMPLES=200`` (what
``.ci/run`` sets, under a time box) runs the full campaign. Schema-valid requests may still be
refused with 422 (a household's facts must agree with each other in ways a JSON schema cannot
say), so Schemathesis' "positive data acceptance" check is not among those run.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from zairyu.store.access import UserRole

EXAMPLES_PER_OPERATION = int(os.environ.get("ZAIRYU_SCHEMATHESIS_EXAMPLES", "5"))
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def test_no_generated_request_fails_or_breaks_the_documented_contract(api):
    admin = api.member(UserRole.admin)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api.client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    calls: list[int] = []
    for operation in operations:

        @given(operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {admin.token}"}, checks=CHECKS
            )
            calls.append(response.status_code)

        check()
    server_errors = sum(1 for code in calls if code >= 500)
    print(
        f"\nschemathesis: {len(operations)} operations, {len(calls)} cases, "
        f"{server_errors} server errors ({api.db.url.split(':', 1)[0]})"
    )
    assert server_errors == 0
