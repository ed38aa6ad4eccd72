"""The one soft-delete base: what people delete goes to a trash first, restorable.

A trashable model has `deleted_at`/`deleted_by`, a live default manager `objects` (what every
page shows), `all_objects` (the trash too: the trash page, restore, purge, the admin) and the
row methods `trash(by=…)` and `restore()`, which services call inside their audited
transaction. A model with an edit counter names it in `trash_bumps`, so an edit opened before
the row was trashed or restored cannot be saved over it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrashQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)


class LiveManager(models.Manager):
    """Rows not in the trash; build one per queryset class with `LiveManager.from_queryset`."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Trashable(models.Model):
    deleted_at = models.DateTimeField(_("moved to the trash"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved to the trash by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LiveManager.from_queryset(TrashQuerySet)()
    all_objects = TrashQuerySet.as_manager()

    # The edit counter raised by trash() and restore(), if the model has one.
    trash_bumps: str | None = None

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_trashed(self) -> bool:
        return self.deleted_at is not None

    def _set_trash(self, rows, **values) -> bool:
        if self.trash_bumps:
            values[self.trash_bumps] = F(self.trash_bumps) + 1
        changed = bool(rows.filter(pk=self.pk).update(**values))
        if changed:
            self.refresh_from_db(fields=["deleted_at", "deleted_by"])
        return changed

    def trash(self, *, by) -> bool:
        """Move to the trash; False if it was there already."""
        return self._set_trash(
            type(self).all_objects.alive(), deleted_at=timezone.now(), deleted_by=by
        )

    def restore(self) -> bool:
        """Take out of the trash; False if it was not in it."""
        return self._set_trash(type(self).all_objects.trashed(), deleted_at=None, deleted_by=None)
