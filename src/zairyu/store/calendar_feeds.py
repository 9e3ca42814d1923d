"""Calendar feeds: a user's secret URL that shows the organisation's reminders as iCalendar.

The secret is a bearer credential: it is shown once, only its SHA-256 is stored, and a revoked
feed, or one whose user is deactivated, answers as if it never existed. Reading a feed is
audited as its user.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select

from zairyu.store import audit
from zairyu.store.access import Actor, NotFoundError
from zairyu.store.accounts import actor_for, digest
from zairyu.store.database import Database
from zairyu.store.measure_tables import CalendarFeed
from zairyu.store.tables import User

SECRET_PREFIX = "zc_"


def feed_view(feed: CalendarFeed) -> dict[str, Any]:
    return {
        "id": feed.id,
        "personal_titles": feed.personal_titles,
        "lang": feed.lang,
        "created_at": feed.created_at,
        "revoked": feed.revoked,
    }


class CalendarFeeds:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, actor: Actor, *, personal_titles: bool, lang: str
    ) -> tuple[dict[str, Any], str]:
        """A new feed of the actor's; returns its view and the secret, which is never stored."""
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        with self.db.transaction() as s:
            feed = CalendarFeed(
                org_id=actor.org_id,
                user_id=actor.user_id,
                secret_hash=digest(secret),
                personal_titles=personal_titles,
                lang=lang,
                revoked=False,
            )
            s.add(feed)
            s.flush()
            detail = "personal titles" if personal_titles else "no personal data in titles"
            audit.record(s, actor, "create", "calendar_feed", feed.id, detail=detail)
            return feed_view(feed), secret

    def list(self, actor: Actor) -> list[dict[str, Any]]:
        with self.db.transaction() as s:
            rows = s.scalars(
                select(CalendarFeed)
                .where(CalendarFeed.user_id == actor.user_id, CalendarFeed.org_id == actor.org_id)
                .order_by(CalendarFeed.created_at)
            )
            return [feed_view(f) for f in rows]

    def revoke(self, actor: Actor, feed_id: str) -> None:
        with self.db.transaction() as s:
            feed = s.scalar(
                select(CalendarFeed).where(
                    CalendarFeed.id == feed_id,
                    CalendarFeed.user_id == actor.user_id,
                    CalendarFeed.org_id == actor.org_id,
                )
            )
            if feed is None:
                raise NotFoundError("calendar feed")
            feed.revoked = True
            audit.record(s, actor, "revoke", "calendar_feed", feed.id)

    def open(self, secret: str, remote: str | None) -> tuple[Actor, dict[str, Any]]:
        """The feed's user (acting through the feed) and the feed; NotFoundError otherwise."""
        with self.db.transaction() as s:
            found = s.execute(
                select(CalendarFeed, User)
                .join(User, User.id == CalendarFeed.user_id)
                .where(CalendarFeed.secret_hash == digest(secret))
            ).first()
            if found is None or found[0].revoked or not found[1].active:
                raise NotFoundError("calendar feed")
            feed, user = found
            actor = actor_for(user, remote)
            audit.record(s, actor, "read", "calendar_feed", feed.id)
            return actor, feed_view(feed)
