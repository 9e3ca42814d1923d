"""What a deployment may change, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher

from zairyu.store.accounts import LoginPolicy
from zairyu.store.audit_key import audit_key_path
from zairyu.store.database import BUSY_TIMEOUT_MS, data_dir, database_url
from zairyu.store.token_cache import TOKEN_CACHE_SECONDS


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=database_url)
    audit_key_file: Path = field(default_factory=audit_key_path)
    busy_timeout_ms: int = BUSY_TIMEOUT_MS  # then 503 "the database is busy"
    secure_cookies: bool = True  # cookies only over HTTPS (browsers treat localhost as secure)
    max_body_bytes: int = 1_000_000
    login: LoginPolicy = field(default_factory=LoginPolicy)
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    upgrade_on_start: bool = True
    # how long a live API token is trusted without a lookup: a revocation made by another
    # process (worker, command) takes effect within it; 0 looks every token up
    token_cache_seconds: float = TOKEN_CACHE_SECONDS
    evidence_dir: Path = field(default_factory=lambda: data_dir() / "evidence")  # uploaded files
