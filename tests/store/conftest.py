from __future__ import annotations

import pytest
from store_fixtures import db, empty_db, make_accounts  # noqa: F401 (fixtures)

from zairyu.store.accounts import Accounts
from zairyu.store.database import Database


@pytest.fixture
def accounts(db: Database) -> Accounts:  # noqa: F811
    return make_accounts(db)
