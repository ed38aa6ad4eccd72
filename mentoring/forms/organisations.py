from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..images import process_picture
from ..models import Cohort, FocusArea, Organisation
from ..timezones import TimezoneField
from .fields import ModelMultipleChoiceField, VersionField, safe_formfield
from .filters import FilterForm


class OrganisationFilterForm(FilterForm):
    field_class = "col-sm-6 col-md-2"

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.all(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + Organisation.Kind.choices
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All"))] + sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda c: str(c[1])
        )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            from django.db.models import Q

            queryset = queryset.filter(
                Q(name__icontains=data["q"]) | Q(acronym__icontains=data["q"])
            )
        if data["country"]:
            queryset = queryset.filter(country=data["country"])
        if data["cohort"]:
            queryset = queryset.filter(cohort=data["cohort"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class OrganisationForm(forms.ModelForm):
    """Organisation admins edit their profile; leads also set cohort and status."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB; shown at 256 pixels."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    timezone = TimezoneField(label=_("Timezone"))
    focus_areas = ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The version the person started from (mentoring/conflicts.py); not a model field here.
    version = VersionField(required=False)

    lead_fields = ("cohort", "status", "slug")

    class Meta:
        model = Organisation
        formfield_callback = safe_formfield
        fields = [
            "name",
            "acronym",
            "slug",
            "kind",
            "country",
            "city",
            "timezone",
            "website",
            "description",
            "focus_areas",
            "public_listing",
            "cohort",
            "status",
            "logo",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, can_manage: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        if not can_manage:
            for name in self.lead_fields:
                del self.fields[name]
        else:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Used in the page address; filled in if left empty.")

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload and hasattr(upload, "content_type"):
            return process_picture(upload)
        return upload

    def clean_website(self):
        url = self.cleaned_data.get("website", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Enter an address starting with http:// or https://."))
        return url

    def save(self, commit=True):
        organisation = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            organisation.logo = ""
        if commit:
            organisation.save()
            self.save_m2m()
        return organisation
