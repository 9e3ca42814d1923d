"""API tokens recently found live, kept for a few seconds so that a request needs no lookup.

Each entry is keyed by the token's SHA-256 (the token itself is never kept) and holds who the
token acts for and when it expires; only tokens found live are kept, so a wrong token is always
looked up. An entry is trusted for ``ttl_s`` seconds after the lookup that made it, then the
token is looked up again. So:

- a token revoked, or a user deactivated, demoted or given a new password, through the same
  ``Accounts`` (the API, the pages, a command in the same process) stops working at once: the
  change forgets every entry of the user after its transaction commits;
- the same change made by another process (another ``zairyu serve`` worker, a command, SQL)
  takes effect here within ``ttl_s`` seconds;
- a token's own expiry is checked on every request, cached or not.

A lookup that began before a change and ends after it could put back what the change made
stale; every change counts a generation, and an entry is stored only if no change came between
the start of its lookup and its end. The clock is injectable (``time.monotonic`` by default: a
duration, never a date), so tests move time instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

TOKEN_CACHE_SECONDS = 5.0
MAX_ENTRIES = 4096


class LiveToken(NamedTuple):
    """What a live token acts for, as its lookup found it."""

    token_id: str
    user_id: str
    username: str
    org_id: str
    role: str
    expires_at: datetime | None


class TokenCache:
    def __init__(
        self,
        ttl_s: float = TOKEN_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        if ttl_s < 0:
            raise ValueError("the token cache's lifetime cannot be negative")
        self.ttl_s = ttl_s
        self.clock = clock
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, LiveToken]] = {}
        self._generation = 0
        self._lock = threading.Lock()

    def get(self, token_hash: str) -> LiveToken | None:
        """The entry for this token, if one was stored less than ``ttl_s`` seconds ago."""
        entry = self._entries.get(token_hash)
        if entry is None:
            return None
        stored_at, live = entry
        if self.clock() - stored_at >= self.ttl_s:
            return None
        return live

    def generation(self) -> int:
        """Read before a lookup; hand to ``put`` after it."""
        return self._generation

    def put(self, token_hash: str, live: LiveToken, generation: int) -> None:
        """Keep a token found live by a lookup that began at ``generation``, unless a change
        came since (what it found may already be stale)."""
        if self.ttl_s == 0:
            return
        with self._lock:
            if generation != self._generation:
                return
            self._entries.pop(token_hash, None)
            while len(self._entries) >= self.max_entries:
                del self._entries[next(iter(self._entries))]  # the oldest
            self._entries[token_hash] = (self.clock(), live)

    def forget_user(self, user_id: str) -> None:
        """Every entry of this user: call after a change to its tokens, role or account has
        committed."""
        with self._lock:
            self._generation += 1
            for key in [k for k, (_, live) in self._entries.items() if live.user_id == user_id]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()
