"""The one place the web layer wires the store together."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from zairyu.store.accounts import Accounts
from zairyu.store.cases import Cases
from zairyu.store.database import Database
from zairyu.store.records import Records
from zairyu.store.token_cache import TokenCache
from zairyu.web.settings import Settings


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    accounts: Accounts
    cases: Cases
    records: Records

    @classmethod
    def build(cls, settings: Settings) -> Services:
        db = Database(settings.database_url, settings.audit_key_file, settings.busy_timeout_ms)
        return cls(
            settings=settings,
            db=db,
            accounts=Accounts(
                db, settings.hasher, settings.login, TokenCache(settings.token_cache_seconds)
            ),
            cases=Cases(db),
            records=Records(db),
        )


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found
