"""Forms for community meetings. They validate only; the services write."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import planner
from ..models import Cohort, Meeting, MeetingResponse, Organisation
from ..roles import Role
from ..timezones import TimezoneField
from .fields import (
    ModelMultipleChoiceField,
    MultiLineCharField,
    SingleLineCharField,
    VersionField,
)
from .filters import FilterForm
from .widgets import DateInput, TimeInput

# Larger than any venue or call; beyond it a number is a typing slip (or an attack on the column).
MAX_CAPACITY = 100_000
TIME_FIELDS = ("start_date", "start_time", "end_date", "end_time", "timezone")


class PersonChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class MeetingForm(forms.Form):
    """A meeting as the lead thinks of it: local wall-clock times in the meeting's own zone.

    `checking=True` is the planner's "check the times" pass: only the time fields are required."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = SingleLineCharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(attrs={"step": 300}))
    end_date = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when the meeting ends the same day."),
    )
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(attrs={"step": 300}))
    timezone = TimezoneField(
        label=_("The meeting's timezone"),
        help_text=_("The times above are local times in this zone."),
        error_messages={"invalid_choice": _("Unknown timezone: choose one from the list.")},
    )
    audience = forms.ChoiceField(
        label=_("Who is invited"), choices=Meeting.Audience.choices, widget=forms.RadioSelect
    )
    cohorts = ModelMultipleChoiceField(
        label=_("Cohorts"),
        queryset=Cohort.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When inviting chosen cohorts."),
    )
    organisations = ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When inviting chosen organisations."),
    )
    hosts = PersonChoiceField(
        label=_("Hosts"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = MultiLineCharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
    )
    call_link = forms.URLField(
        label=_("Online call link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to the people invited."),
    )
    venue = SingleLineCharField(label=_("Venue"), required=False, max_length=200)
    address = MultiLineCharField(
        label=_("Venue address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("Leave empty for no limit. When full, further answers join a waiting list."),
    )
    travel_notes = MultiLineCharField(
        label=_("Travel and accommodation notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For participants travelling to the venue. Markdown."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, meeting: Meeting | None = None, checking: bool = False, **kwargs):
        self.meeting = meeting
        self.checking = checking
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(meeting)
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["hosts"]).queryset = (
            get_user_model()
            .objects.filter(is_active=True, role__in=[Role.LEAD, Role.MENTOR])
            .order_by("full_name")
        )
        if checking:
            for name, field in self.fields.items():
                if name not in TIME_FIELDS:
                    field.required = False

    @staticmethod
    def initial_from(meeting: Meeting) -> dict:
        zone = planner.get_zone(meeting.timezone)
        start = meeting.starts_at.astimezone(zone)
        end = meeting.ends_at.astimezone(zone)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "agenda": meeting.agenda,
            "start_date": start.date(),
            "start_time": start.time().replace(tzinfo=None),
            "end_date": end.date() if end.date() != start.date() else None,
            "end_time": end.time().replace(tzinfo=None),
            "timezone": meeting.timezone,
            "audience": meeting.audience,
            "cohorts": list(meeting.cohorts.all()) if meeting.pk else [],
            "organisations": list(meeting.organisations.all()) if meeting.pk else [],
            "hosts": list(meeting.hosts.all()) if meeting.pk else [],
            "call_link": meeting.call_link,
            "venue": meeting.venue,
            "address": meeting.address,
            "capacity": meeting.capacity,
            "travel_notes": meeting.travel_notes,
            "version": meeting.version,
        }

    def clean_call_link(self) -> str:
        url = self.cleaned_data.get("call_link", "")
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Enter an address starting with http:// or https://."))
        return url

    def _moment(self, day, clock, zone: str, field: str) -> datetime | None:
        if day.year < 2000 or day.year > timezone.localdate().year + 5:
            self.add_error(field, _("Choose a date between 2000 and five years from now."))
            return None
        try:
            return planner.local_to_utc(day, clock, zone)
        except planner.NonexistentTime:
            self.add_error(
                field,
                _(
                    "%(time)s does not exist on %(date)s in %(zone)s: the clocks jump forward "
                    "that night. Choose another time."
                )
                % {"time": clock.strftime("%H:%M"), "date": day.isoformat(), "zone": zone},
            )
        except planner.AmbiguousTime:
            self.add_error(
                field,
                _(
                    "%(time)s happens twice on %(date)s in %(zone)s: the clocks go back that "
                    "night. Choose another time."
                )
                % {"time": clock.strftime("%H:%M"), "date": day.isoformat(), "zone": zone},
            )
        except planner.UnknownTimezone:
            self.add_error("timezone", _("Unknown timezone: choose one from the list."))
        return None

    def clean(self):
        data = super().clean()
        zone = data.get("timezone")
        day, start_time, end_time = (
            data.get("start_date"),
            data.get("start_time"),
            data.get("end_time"),
        )
        if zone and day and start_time and end_time:
            starts_at = self._moment(day, start_time, zone, "start_time")
            ends_at = self._moment(data.get("end_date") or day, end_time, zone, "end_time")
            if starts_at and ends_at:
                if ends_at <= starts_at:
                    self.add_error("end_time", _("The meeting must end after it starts."))
                else:
                    data["starts_at"], data["ends_at"] = starts_at, ends_at
        audience = data.get("audience")
        if not self.checking or audience:
            if audience == Meeting.Audience.COHORTS and not data.get("cohorts"):
                self.add_error("cohorts", _("Choose at least one cohort."))
            if audience == Meeting.Audience.ORGANISATIONS and not data.get("organisations"):
                self.add_error("organisations", _("Choose at least one organisation."))
        capacity = data.get("capacity")
        if capacity is not None and self.meeting is not None and self.meeting.pk:
            attending = self.meeting.responses.confirmed().count()
            if capacity < attending:
                self.add_error(
                    "capacity",
                    _(
                        "%(n)s people already have a place: the capacity cannot be lower. "
                        "Ask some of them first, or leave it at %(n)s or more."
                    )
                    % {"n": attending},
                )
        return data

    def meeting_data(self) -> dict:
        """The values the services write, in model terms."""
        data = self.cleaned_data
        audience = data["audience"]
        return {
            "kind": data["kind"],
            "title": data["title"],
            "agenda": data["agenda"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "timezone": data["timezone"],
            "audience": audience,
            "cohorts": list(data["cohorts"]) if audience == Meeting.Audience.COHORTS else [],
            "organisations": list(data["organisations"])
            if audience == Meeting.Audience.ORGANISATIONS
            else [],
            "hosts": list(data["hosts"]),
            "call_link": data["call_link"],
            "venue": data["venue"],
            "address": data["address"],
            "capacity": data["capacity"],
            "travel_notes": data["travel_notes"],
        }


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you come?"), choices=MeetingResponse.Answer.choices, widget=forms.RadioSelect
    )
    note = SingleLineCharField(
        label=_("Note (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example: I will join from the field office, or only for the first hour."),
    )


class AttendanceForm(forms.Form):
    attendees = ModelMultipleChoiceField(
        label=_("Who attended"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    attendance_version = VersionField(required=False)

    def __init__(self, *args, invitees, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        field.queryset = invitees
        field.label_from_instance = self._label

    @staticmethod
    def _label(person) -> str:
        organisations = ", ".join(
            m.organisation.short_name for m in getattr(person, "meeting_memberships", [])
        )
        return f"{person.full_name} ({organisations})" if organisations else person.full_name


class MinutesForm(forms.Form):
    minutes = MultiLineCharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown. Invitees read them on the meeting page once saved."),
    )
    version = VersionField()


class ArchiveFilterForm(FilterForm):
    field_class = "col-sm-4 col-md-3"

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + Meeting.Kind.choices
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["year"]:
            queryset = queryset.filter(starts_at__year=self.cleaned_data["year"])
        if self.cleaned_data["kind"]:
            queryset = queryset.filter(kind=self.cleaned_data["kind"])
        return queryset


def default_timezone(user) -> str:
    return getattr(user, "timezone", None) or timezone.get_current_timezone_name()
