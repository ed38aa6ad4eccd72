"""Writes for the community: projects, partners and introductions.

Every function is atomic and audited through `mentoring.audit.audit`. Edits carry the version
the person started from and raise `EditConflict` (nothing written) when someone saved first.
Deleting a project moves it to a trash it can be restored from.
"""

from ..versioning import EditConflict
from .introductions import (
    IntroductionRefused,
    introduction_accept,
    introduction_decline,
    introduction_make,
    introduction_request,
)
from .partners import partner_merge, partner_update, partners_for_names
from .projects import project_create, project_restore, project_trash, project_update

__all__ = [
    "EditConflict",
    "IntroductionRefused",
    "introduction_accept",
    "introduction_decline",
    "introduction_make",
    "introduction_request",
    "partner_merge",
    "partner_update",
    "partners_for_names",
    "project_create",
    "project_restore",
    "project_trash",
    "project_update",
]
