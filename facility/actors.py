"""Who acts: what the lower floors (the record, the edge helpers) know of a logged-in staff member.

The staff account itself (facility.auth.models.User) lives a floor up; it fits this shape.
"""

from __future__ import annotations

from typing import Protocol


class Actor(Protocol):
    """A staff member recording or reading: their id, their role and their units."""

    id: int
    role: str

    @property
    def unit_ids(self) -> list[int]: ...
