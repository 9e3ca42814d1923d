"""Requests generated from the OpenAPI document never make the server fail (Schemathesis).

Bounded: a few examples per operation, so the suite stays fast.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from zairyu.store.access import UserRole

EXAMPLES_PER_OPERATION = 5


def test_no_generated_request_makes_the_server_fail(api):
    admin = api.member(UserRole.admin)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api.client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
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
            response = case.call(headers={"Authorization": f"Bearer {admin.token}"})
            assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"

        check()
