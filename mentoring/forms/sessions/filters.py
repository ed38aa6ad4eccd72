"""Filters for the session and action-item lists."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models import Organisation, Topic
from .common import DateInput


class SessionFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All"),
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, empty_label=_("All")
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, organisations, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["mentor"].queryset = mentors

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range comes before its start."))
        return data

    def filter(self, queryset, *, search_private: Q | None):
        """Apply the filters; private notes are searched only for people who may read them."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["organisation"]:
            queryset = queryset.filter(mentorship__organisation=data["organisation"])
        if data["mentor"]:
            queryset = queryset.filter(author=data["mentor"])
        if data["date_from"]:
            queryset = queryset.filter(started_at__date__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(started_at__date__lte=data["date_to"])
        if data["topic"]:
            queryset = queryset.filter(topics=data["topic"])
        if data["q"]:
            text = Q(summary__icontains=data["q"])
            if search_private is not None:
                # Only in the sessions whose notes this person may read.
                text |= Q(private_notes__icontains=data["q"]) & search_private
            queryset = queryset.filter(text)
        return queryset


class ActionItemFilterForm(forms.Form):
    SHOW = [
        ("open", _("Open")),
        ("overdue", _("Overdue")),
        ("done", _("Done")),
        ("all", _("All")),
    ]
    show = forms.ChoiceField(label=_("Show"), choices=SHOW, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def filter(self, queryset):
        show = "open"
        if self.is_valid():
            show = self.cleaned_data["show"] or "open"
            if self.cleaned_data["organisation"]:
                queryset = queryset.filter(
                    session__mentorship__organisation=self.cleaned_data["organisation"]
                )
        today = timezone.localdate()
        if show == "open":
            queryset = queryset.filter(done_at__isnull=True)
        elif show == "overdue":
            queryset = queryset.filter(done_at__isnull=True, due_date__lt=today)
        elif show == "done":
            queryset = queryset.filter(done_at__isnull=False)
        return queryset
