"""Field types of the API's requests that refuse what the lax defaults would guess at.

- ``IsoDate``: a date written ``YYYY-MM-DD``; a bare number (which pydantic would read as a Unix
  time) is refused.
- ``Flag``: ``true`` or ``false``; the strings "yes", "1", "true" are refused.
- ``Instant``: a date and time with its timezone, between the years 1900 and 9000 (so it can be
  turned into UTC and stored); a time without a timezone is refused.
- ``Count``: a whole number from 1 to 2 147 483 647, what the databases store as an integer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StrictBool

from zairyu.store.tables import storable_instant

MAX_INT = 2**31 - 1
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
Flag = StrictBool
Instant = Annotated[AwareDatetime, AfterValidator(storable_instant)]
Count = Annotated[int, Field(ge=1, le=MAX_INT)]
