"""The session log form: when, who attended, what was discussed, shared summary and private
notes."""

import datetime as dt
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...models import Goal, Mentorship, Session, Topic
from ...models.sessions import MAX_SESSION_MINUTES
from .common import (
    MAX_DAYS_AHEAD,
    DateInput,
    TimeInput,
    VersionedForm,
    _combine,
    _safe_link,
    _zone_help,
)


class SessionForm(VersionedForm):
    """The log a mentor writes after a session; the common case fits on one screen."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        initial=60,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Session.Format.choices, initial=Session.Format.ONLINE
    )
    location = forms.CharField(
        label=_("Place or call link"),
        required=False,
        max_length=300,
        help_text=_("An address, or a link starting with https://."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attended from the organisation"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals it served"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Shared summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The organisation's members read this. Markdown: **bold**, lists, links."),
    )
    private_notes = forms.CharField(
        label=_("Private mentor notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only mentors and programme leads read these, never the organisation."),
    )
    next_date = forms.DateField(label=_("Next session: date"), required=False, widget=DateInput())
    next_time = forms.TimeField(label=_("Next session: time"), required=False, widget=TimeInput())

    def __init__(self, *args, mentorship: Mentorship, session: Session | None = None, **kwargs):
        if session is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(session)
        super().__init__(*args, **kwargs)
        self.mentorship = mentorship
        self.session = session
        user_model = get_user_model()
        self.fields["attendees"].queryset = user_model.objects.filter(
            memberships__organisation=mentorship.organisation, is_active=True
        ).order_by("full_name")
        chosen_topics = session.topics.all() if session else Topic.objects.none()
        self.fields["topics"].queryset = Topic.objects.filter(
            Q(is_active=True) | Q(pk__in=chosen_topics.values("pk"))
        )
        self.fields["goals"].queryset = mentorship.goals.all()
        self.fields["date"].help_text = _zone_help()
        self.fields["start_time"].help_text = _zone_help()

    @staticmethod
    def initial_from(session: Session) -> dict:
        start = timezone.localtime(session.started_at)
        initial = {
            "version": session.version,
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "duration_minutes": session.duration_minutes,
            "format": session.format,
            "location": session.location,
            "attendees": list(session.attendees.all()),
            "topics": list(session.topics.all()),
            "goals": list(session.goals.all()),
            "summary": session.summary,
            "private_notes": session.private_notes,
        }
        if session.next_session_at:
            following = timezone.localtime(session.next_session_at)
            initial["next_date"] = following.date()
            initial["next_time"] = following.time().replace(second=0, microsecond=0)
        return initial

    def clean_duration_minutes(self) -> int:
        minutes = self.cleaned_data["duration_minutes"]
        if minutes <= 0:
            raise forms.ValidationError(_("The duration must be at least one minute."))
        if minutes > MAX_SESSION_MINUTES:
            raise forms.ValidationError(
                _(
                    "A session lasts at most 12 hours (720 minutes); split longer work into several logs."
                )
            )
        return minutes

    def clean_location(self) -> str:
        return _safe_link(self.cleaned_data.get("location", ""))

    def clean(self):
        data = super().clean()
        day, clock = data.get("date"), data.get("start_time")
        if day and clock:
            started_at = _combine(day, clock)
            if started_at > timezone.now() + timedelta(days=MAX_DAYS_AHEAD):
                self.add_error("date", _("This date is more than a year ahead; check the year."))
            elif started_at.year < 2000:
                self.add_error("date", _("Check the year of this date."))
            else:
                data["started_at"] = started_at
        next_day, next_clock = data.get("next_date"), data.get("next_time")
        data["next_session_at"] = None
        if next_clock and not next_day:
            self.add_error("next_date", _("Give the date of the next session too."))
        elif next_day:
            following = _combine(next_day, next_clock or dt.time(9, 0))
            if "started_at" in data and following <= data["started_at"]:
                self.add_error("next_date", _("The next session must come after this one."))
            elif following > timezone.now() + timedelta(days=MAX_DAYS_AHEAD):
                self.add_error("next_date", _("This date is more than a year ahead."))
            else:
                data["next_session_at"] = following
        return data

    def session_data(self) -> dict:
        data = self.cleaned_data
        return {
            "started_at": data["started_at"],
            "duration_minutes": data["duration_minutes"],
            "format": data["format"],
            "location": data["location"],
            "summary": data["summary"],
            "private_notes": data["private_notes"],
            "next_session_at": data["next_session_at"],
        }
