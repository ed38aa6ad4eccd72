"""Form fields that turn hostile numbers into form errors instead of 500s.

Django's `ModelMultipleChoiceField` looks the ticked ids up with `pk__in=[…]`, and an id past
the database's integer range makes the database driver fail (SQLite: "Python int too large to
convert to SQLite INTEGER") instead of the field saying the choice is invalid. An
`IntegerField` without bounds lets such a number reach a query or a column the same way.
"""

from django import forms
from django.db import connections, models

from ..validators import validate_multi_line, validate_single_line

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
        queryset = self.queryset
        assert queryset is not None  # a model choice field always has one
        model = queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if not isinstance(key, models.IntegerField):  # AutoFields are IntegerFields too
            return
        try:
            number = int(str(item).strip())
        except ValueError:
            return  # Django's own check says it is not a valid value
        low, high = connections[queryset.db].ops.integer_field_range(key.get_internal_type())
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


class SingleLineCharField(forms.CharField):
    """A name, title or other one-line text: no line breaks, controls or direction overrides."""

    default_validators = [validate_single_line]


class MultiLineCharField(forms.CharField):
    """Descriptions, notes, Markdown: line breaks and tabs, but no other control character."""

    default_validators = [validate_multi_line]


def add_text_validators(db_field, form_field):
    """Give a model's text form field the validator for its kind (ModelForms and the admin)."""
    if form_field is None or not isinstance(form_field, forms.CharField):
        return form_field
    if isinstance(db_field, models.TextField):
        form_field.validators.append(validate_multi_line)
    elif isinstance(db_field, models.CharField) and not db_field.choices:
        form_field.validators.append(validate_single_line)
    return form_field


def safe_formfield(db_field, **kwargs):
    """`Meta.formfield_callback` for ModelForms: the model's field, with the text validators."""
    return add_text_validators(db_field, db_field.formfield(**kwargs))


class SafeInputAdmin:
    """ModelAdmin mixin: bounded many-to-many fields and text validators in the admin too."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return add_text_validators(
            db_field, super().formfield_for_dbfield(db_field, request, **kwargs)
        )
