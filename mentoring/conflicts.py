"""Edits never silently overwrite: one compare-and-set, one exception, one view helper.

Every edit form carries, in a hidden field, the version the person started from. The service
calls `versioned_update`, which claims the next version with a single
`UPDATE … SET version = version + 1 WHERE pk = … AND version = <theirs>`: if someone else saved
in between, nothing matches, nothing is written, and `EditConflict` carries the row as it is now.
The UPDATE also locks the row until the transaction ends, so whatever else the service writes
after it (related rows, files) cannot interleave with another edit of the same object.

Views catch `EditConflict` with `rebase_form`: the form keeps what the person typed, now based
on the version saved meanwhile, and the page includes `conflict.html`, which says the one
message and shows their version. Saving again after reading theirs is a deliberate choice.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.db.models import F
from django.forms import BaseForm
from django.http import Http404, QueryDict


class EditConflict(Exception):
    """Someone else saved first; nothing was written. `current` is what is saved now."""

    def __init__(self, current: Any):
        super().__init__("edit conflict")
        self.current = current


def versioned_update(
    queryset: models.QuerySet | models.Manager,
    *,
    pk: Any,
    version: int | None,
    fields: dict | None = None,
    field: str = "version",
) -> int:
    """Write `fields` and raise the version counter `field` by one, only if it still equals
    `version` (None, a form that carried no version, never matches). Returns the new version;
    raises `EditConflict` with the current row (None when it is gone) otherwise. Call it inside
    the service's transaction: the row stays locked until the transaction ends."""
    if version is not None:
        updated = queryset.filter(pk=pk, **{field: version}).update(
            **(fields or {}), **{field: F(field) + 1}
        )
        if updated:
            return version + 1
    raise EditConflict(queryset.filter(pk=pk).first())


def rebase_form(form: BaseForm, conflict: EditConflict, *, field: str = "version", value=None):
    """After a conflict: keep what the person typed, now based on the version saved meanwhile
    (`value`, else the `field` of what is saved now), and return that saved version for the
    page's `conflict`. Something gone in the meantime (moved to the trash) is a 404, as it is
    for anyone who opens it afterwards."""
    current = conflict.current
    if current is None:
        raise Http404
    data = cast("QueryDict | dict[str, Any]", form.data).copy()  # a bound form's data
    data[form.add_prefix(field)] = str(getattr(current, field) if value is None else value)
    form.data = data
    return current
