"""Forms validate and have no side effects; the services write."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentoring.forms.fields import (
    ModelMultipleChoiceField,
    MultiLineCharField,
    SingleLineCharField,
    VersionField,
)
from mentoring.forms.filters import FilterForm

from .models import Document
from .validation import Inspected, inspect_upload

MAX_FILES_PER_UPLOAD = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return single(None, initial)  # "This field is required."
            return [single(d, initial) for d in data]
        return [single(data, initial)]


def _inspect_all(uploads) -> list[Inspected]:
    errors, inspected = [], []
    for upload in uploads:
        try:
            inspected.append(inspect_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return inspected


class DocumentMetaForm(forms.Form):
    title = SingleLineCharField(label=_("Title"), max_length=200)
    description = MultiLineCharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    tags = SingleLineCharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. procurement, integrity pact."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Document.Language.choices)

    def clean_tags(self) -> str:
        tags = [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]
        return ", ".join(dict.fromkeys(tags))


class UploadForm(DocumentMetaForm):
    # A declared field (the metaclass moves it to base_fields), not BaseForm.files.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        help_text=_(
            "You may choose several files. Accepted: PDF, Word, Excel, PowerPoint and "
            "OpenDocument files (without macros), text, CSV, JPEG, PNG, GIF, WebP."
        ),
    )
    field_order = ["files", "title", "description", "category", "tags", "language"]

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Optional: each document is named after its file.")
        from django.template.defaultfilters import filesizeformat

        self.fields["files"].help_text = "{} {}".format(
            self.fields["files"].help_text,
            _("At most %(size)s per file.") % {"size": filesizeformat(max_bytes)},
        )

    def clean_files(self) -> list[Inspected]:
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(n)d files at a time.") % {"n": MAX_FILES_PER_UPLOAD}
            )
        return _inspect_all(uploads)


class EditForm(DocumentMetaForm):
    revision = VersionField()


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
    note = SingleLineCharField(label=_("What changed (optional)"), max_length=300, required=False)
    based_on = VersionField()

    def clean_file(self) -> Inspected:
        return _inspect_all([self.cleaned_data["file"]])[0]


class ShareForm(forms.Form):
    organisations = ModelMultipleChoiceField(
        label=_("Share with these organisations (read-only)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The organisations ticked when the form was shown: only what the person changed is applied,
    # so two people editing the sharing at once do not undo each other's changes.
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["organisations"]).queryset = targets

    def clean_shown(self) -> set[int] | None:
        if "shown" not in self.data:
            return None
        try:
            return {int(pk) for pk in self.cleaned_data["shown"].split(",") if pk.strip()}
        except ValueError as exc:
            raise ValidationError(_("The form was altered; reload the page.")) from exc


class SearchForm(FilterForm):
    field_class = "col-md-5"  # two fields and the button in one row

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Document.Category.choices],
    )


class AttachForm(forms.Form):
    document: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Document"), queryset=None)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["document"]).queryset = documents


class PreferenceForm(forms.Form):
    email_on_new_documents = forms.BooleanField(
        label=_("E-mail me when a document is added to or shared with my organisation"),
        required=False,
    )
