"""Forms for a mentorship, its goals and its check-ins."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ...models import CheckIn, Goal, Mentorship, Organisation
from ...roles import Role
from .common import DateInput


class MentorshipForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Mentorship
        fields = [
            "organisation",
            "mentors",
            "start_date",
            "planned_end_date",
            "status",
            "closing_summary",
        ]
        widgets = {
            "start_date": DateInput(),
            "planned_end_date": DateInput(),
            "mentors": forms.CheckboxSelectMultiple,
            "closing_summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "closing_summary": _("Required to close: what was achieved, what comes next."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = get_user_model().objects.filter(
            role=Role.MENTOR, is_active=True
        )
        self.fields["organisation"].queryset = Organisation.objects.all()
        if self.instance.pk:
            del self.fields["organisation"]
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", _("The planned end must come after the start."))
        if (
            data.get("status") == Mentorship.Status.CLOSED
            and not (data.get("closing_summary") or "").strip()
        ):
            self.add_error("closing_summary", _("Write a closing summary to close a mentorship."))
        return data


# --- Goals -----------------------------------------------------------------------------------


class GoalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Goal
        fields = ["title", "description", "target_date", "status", "progress_notes"]
        widgets = {
            "target_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "progress_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


# --- Session logs ----------------------------------------------------------------------------


SCORES = [(n, str(n)) for n in range(1, 6)]


class CheckInForm(forms.ModelForm):
    usefulness = forms.TypedChoiceField(
        label=_("How useful is the mentoring? (1 = not at all, 5 = very)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    progress = forms.TypedChoiceField(
        label=_("How much has changed in your work? (1 = nothing yet, 5 = a lot)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CheckIn
        fields = ["usefulness", "progress", "what_changed", "what_is_needed"]
        labels = {
            "what_changed": _("What has changed?"),
            "what_is_needed": _("What is needed now?"),
        }
        widgets = {
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "what_is_needed": forms.Textarea(attrs={"rows": 4}),
        }


# --- List filters ----------------------------------------------------------------------------
