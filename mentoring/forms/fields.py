"""Form fields that turn hostile numbers into form errors instead of 500s.

Django's `ModelMultipleChoiceField` looks the ticked ids up with `pk__in=[…]`, and an id past
the database's integer range makes the database driver fail (SQLite: "Python int too large to
convert to SQLite INTEGER") instead of the field saying the choice is invalid. An
`IntegerField` without bounds lets such a number reach a query or a column the same way.
"""

from django import forms
from django.db import connections, models

# The range of Django's IntegerField and PositiveIntegerField columns on every database.
MAX_INTEGER = 2_147_483_647
# Primary keys (BigAutoField) and other 64-bit columns.
MAX_BIG_INTEGER = 9_223_372_036_854_775_807


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A `ModelMultipleChoiceField` that refuses ids outside the column's integer range with
    its usual "not a valid value" error, before any query is made."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for item in value:
                self._check_range(item)
        return super().clean(value)

    def _check_range(self, item) -> None:
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if not isinstance(key, models.IntegerField):  # AutoFields are IntegerFields too
            return
        try:
            number = int(str(item).strip())
        except ValueError:
            return  # Django's own check says it is not a valid value
        low, high = connections[self.queryset.db].ops.integer_field_range(key.get_internal_type())
        if (low is not None and number < low) or (high is not None and number > high):
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": str(item)[:40]},
            )


class VersionField(forms.IntegerField):
    """The hidden version (or revision) a form was opened with, for optimistic concurrency."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_INTEGER, **kwargs)


class BoundedManyToManyAdmin:
    """ModelAdmin mixin: the admin's many-to-many fields use the bounded field above."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
