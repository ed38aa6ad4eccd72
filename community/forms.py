"""Forms for projects, partners and introductions. They validate and have no side effects;
each limits its choices to what the person may pick."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from mentoring.forms.fields import ModelMultipleChoiceField as BoundedModelMultipleChoiceField
from mentoring.forms.fields import VersionField
from mentoring.models import Organisation

from .models import Introduction, Partner, Project, Sector
from .models.projects import PARTNER_NAME_MAX, PARTNER_NAME_MIN
from .normalise import partner_key

MAX_PARTNERS = 20


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def clean_partner_name(name: str) -> str:
    """A partner's name: 2 to 200 characters, with at least one letter or digit."""
    name = " ".join(name.split())
    if len(name) < PARTNER_NAME_MIN:
        raise forms.ValidationError(
            _("“%(name)s” is too short: a partner's name has at least 2 characters."),
            code="short",
            params={"name": name},
        )
    if len(name) > PARTNER_NAME_MAX:
        raise forms.ValidationError(
            _("A partner's name has at most %(max)d characters (this one has %(length)d)."),
            code="long",
            params={"max": PARTNER_NAME_MAX, "length": len(name)},
        )
    if not partner_key(name):
        raise forms.ValidationError(
            _("“%(name)s” has no letters or digits: write the partner's name."),
            code="punctuation",
            params={"name": name},
        )
    return name


class ProjectForm(forms.ModelForm):
    version = VersionField(required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    sectors = BoundedModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_names = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: companies, business associations, chambers of commerce, public "
            "agencies, donors, other NGOs. A partner another organisation already named is "
            "recognised whatever the accents, capitals or punctuation."
        ),
    )

    class Meta:
        model = Project
        fields = [
            "organisation",
            "title",
            "summary",
            "countries",
            "sectors",
            "stage",
            "approach",
            "start_date",
            "end_date",
            "is_confidential",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "countries": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]
            self.fields["version"].initial = self.instance.version
            self.fields["partner_names"].initial = "\n".join(
                p.name for p in self.instance.partners.all()
            )
        elif organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean_partner_names(self) -> list[str]:
        lines = [line for line in self.cleaned_data["partner_names"].splitlines() if line.strip()]
        if len(lines) > MAX_PARTNERS:
            raise forms.ValidationError(
                _("Name at most %(max)d partners."), code="many", params={"max": MAX_PARTNERS}
            )
        names, errors = [], []
        for line in lines:
            try:
                names.append(clean_partner_name(line))
            except forms.ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return names

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The project cannot end before it starts."))
        return data

    def service_data(self) -> dict:
        fields = ["title", "summary", "countries", "stage", "approach", "start_date", "end_date"]
        return {name: self.cleaned_data[name] for name in fields + ["is_confidential"]}


class PartnerForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Partner
        fields = ["name", "kind", "country", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_name(self) -> str:
        return clean_partner_name(self.cleaned_data["name"])


class PartnerSearchForm(forms.Form):
    q = forms.CharField(label=_("Partner's name"), required=False, max_length=PARTNER_NAME_MAX)


class PartnerMergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("Keep this record"), queryset=Partner.objects.all())
    duplicate = forms.ModelChoiceField(
        label=_("Merge this duplicate into it"), queryset=Partner.objects.all()
    )

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("duplicate"):
            raise forms.ValidationError(_("Choose two different partners to merge."))
        return data


def _check_contact(form: forms.Form, field: str, organisation, contact) -> None:
    """The contact person must belong to the organisation they speak for."""
    if organisation is None or contact is None:
        return
    if not contact.memberships.filter(organisation=organisation).exists():
        form.add_error(field, _("Choose a person of %(org)s.") % {"org": organisation})


def _people_of(organisations):
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation__in=organisations)
        .order_by("full_name")
        .distinct()
    )


class IntroductionRequestForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person on your side"),
        queryset=get_user_model().objects.none(),
        help_text=_("Their name and e-mail address are shared once the other side accepts."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you would like to talk, in a few lines."),
    )

    def __init__(self, *args, user, target, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.fields["from_organisation"].queryset = organisations
        self.fields["contact"].queryset = _people_of(organisations)
        self.fields["contact"].initial = user.pk
        if organisations.count() == 1:
            self.fields["from_organisation"].initial = organisations.first()

    def clean(self):
        data = super().clean()
        org, contact = data.get("from_organisation"), data.get("contact")
        if org is not None and org.pk == self.target.pk:
            self.add_error("from_organisation", _("Choose another organisation than your own."))
        _check_contact(self, "contact", org, contact)
        return data


class IntroductionAnswerForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("Contact person on your side"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Needed to accept: their name and e-mail address go to the other side."),
    )

    def __init__(self, *args, user, introduction: Introduction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = _people_of([introduction.to_organisation])  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["contact"].initial = user.pk

    def clean(self):
        data = super().clean()
        if "accept" in self.data and not data.get("contact"):
            self.add_error("contact", _("Choose who the other side may contact."))
        return data


class LeadIntroductionForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("First organisation"), queryset=Organisation.objects.listed()
    )
    from_contact = forms.ModelChoiceField(
        label=_("Its contact person"), queryset=get_user_model().objects.none()
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Second organisation"), queryset=Organisation.objects.listed()
    )
    to_contact = forms.ModelChoiceField(
        label=_("Its contact person"), queryset=get_user_model().objects.none()
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people_of(Organisation.objects.listed()).prefetch_related(
            "memberships__organisation"
        )
        for name in ["from_contact", "to_contact"]:
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = _person_with_organisations

    def clean(self):
        data = super().clean()
        first, second = data.get("from_organisation"), data.get("to_organisation")
        if first is not None and first == second:
            self.add_error("to_organisation", _("Choose two different organisations."))
        for org_field, contact_field in [
            ("from_organisation", "from_contact"),
            ("to_organisation", "to_contact"),
        ]:
            _check_contact(self, contact_field, data.get(org_field), data.get(contact_field))
        return data


def _person_with_organisations(person) -> str:
    orgs = ", ".join(m.organisation.short_name for m in person.memberships.all())
    return f"{person.full_name} ({orgs})"
