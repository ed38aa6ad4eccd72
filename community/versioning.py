"""The edit-conflict mechanism, borrowed from mentoring in one place, so that switching to the
programme-wide `versioned_update()` / `EditConflict` is a change to this module only."""

from mentoring.services.sessions import EditConflict
from mentoring.services.sessions import _versioned_update as versioned_update

__all__ = ["EditConflict", "versioned_update"]
