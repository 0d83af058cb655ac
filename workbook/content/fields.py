"""The building blocks every content model uses: ids, text limits and strict models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
LongText = Annotated[str, Field(min_length=1, max_length=50000)]


class Strict(BaseModel):
    """A model that refuses unknown fields, so a typo in a field name is reported."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def unique(items, what: str):
    """`items` unchanged, or a ValueError naming the first id used twice."""
    seen = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"{what} id '{item.id}' is used twice")
        seen.add(item.id)
    return items
