"""The base of every input model: policies, households, API requests."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator


class Strict(BaseModel):
    """Unknown keys are errors (a typo never becomes an unknown), values are not coerced
    loosely, text is stripped of surrounding spaces and may not hold the NUL character."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("may not contain the NUL character (U+0000)")
        return value


class StrictRequest(BaseModel):
    """The base of every API request body: unknown keys are errors; text is kept exactly as
    sent (a password with a leading space stays one) but may not hold the NUL character."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("may not contain the NUL character (U+0000)")
        return value
