"""The edit-conflict mechanism: the programme-wide one (mentoring/conflicts.py)."""

from mentoring.conflicts import EditConflict, versioned_update

__all__ = ["EditConflict", "versioned_update"]
