"""Forms for mentorships, goals, session logs, action items, check-ins and list filters.

Forms validate and have no side effects; each one limits its choices to what the person may
pick (attendees from the organisation, owners from the mentorship, goals of the mentorship).
"""

import datetime as dt
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ActionItem, CheckIn, Goal, Mentorship, Organisation, Session, Topic
from ..models.sessions import MAX_SESSION_MINUTES
from ..roles import Role

MAX_DAYS_AHEAD = 365


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _zone_help() -> str:
    return _("In your timezone (%(zone)s).") % {"zone": timezone.get_current_timezone_name()}


def _combine(day: dt.date, clock: dt.time) -> dt.datetime:
    """A date and clock time typed in the viewer's timezone, as an aware moment."""
    return timezone.make_aware(dt.datetime.combine(day, clock), timezone.get_current_timezone())


def _safe_link(value: str) -> str:
    """A place or call link: free text, but anything that looks like a link must be web."""
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme and " " not in scheme and scheme not in {"http", "https"} and "//" in text:
        raise forms.ValidationError(_("Links must start with http:// or https://."))
    if scheme in {"javascript", "data", "vbscript", "file"}:
        raise forms.ValidationError(_("Links must start with http:// or https://."))
    return text


class VersionedForm(forms.Form):
    """Carries the version the person started editing, for optimistic concurrency."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


# --- Mentorships -----------------------------------------------------------------------------


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


class ActionItemForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), initial="organisation")
    due_date = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    done = forms.BooleanField(label=_("Done"), required=False)
    # The tick as this form showed it: only a change made in this form is applied.
    done_shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices
        self.people = {
            value: pk for value, pk in ((v, _person_pk(v)) for v, _label in owner_choices) if pk
        }

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if owner:
            pk = self.people.get(owner)
            if owner == ActionItem.Owner.MENTOR or owner.startswith("mentor-"):
                data["owner_side"] = ActionItem.Owner.MENTOR
            else:
                data["owner_side"] = ActionItem.Owner.ORGANISATION
            data["owner_person_id"] = pk
        return data

    def item_data(self) -> dict:
        data = self.cleaned_data
        return {
            "id": data.get("id"),
            "text": data["text"],
            "owner": data["owner_side"],
            "owner_person_id": data["owner_person_id"],
            "due_date": data.get("due_date"),
            "done": data.get("done", False),
            # Only what this person changed: an item someone ticked off while the form was
            # open must not come back unticked.
            "done_changed": not data.get("id")
            or data.get("done", False) != (data.get("done_shown") == "1"),
            "delete": data.get("DELETE", False),
        }


def _person_pk(value: str) -> int | None:
    side, _sep, pk = value.partition("-")
    return int(pk) if side in {"member", "mentor"} and pk.isdigit() else None


def owner_choices(mentorship: Mentorship) -> list[tuple[str, str]]:
    """The organisation, its mentors, or one named person of the mentorship."""
    user_model = get_user_model()
    mentors = list(mentorship.mentors.filter(is_active=True))
    members = list(
        user_model.objects.filter(
            memberships__organisation=mentorship.organisation, is_active=True
        ).order_by("full_name")
    )
    choices = [
        ("organisation", _("The organisation")),
        ("mentor", _("The mentor")),
    ]
    choices += [(f"mentor-{m.pk}", f"{m.full_name} ({_('mentor')})") for m in mentors]
    choices += [
        (f"member-{p.pk}", f"{p.full_name} ({mentorship.organisation.short_name})") for p in members
    ]
    return choices


def owner_value(item: ActionItem) -> str:
    if item.owner_person_id:
        prefix = "mentor" if item.owner == ActionItem.Owner.MENTOR else "member"
        return f"{prefix}-{item.owner_person_id}"
    return item.owner


class BaseActionItemFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        ids = [f.cleaned_data.get("id") for f in self.forms if f.cleaned_data.get("id")]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(_("An action item appears twice."))

    def items(self) -> list[dict]:
        return [
            form.item_data()
            for form in self.forms
            if form.cleaned_data and (form.has_changed() or form.cleaned_data.get("id"))
        ]


ActionItemFormSet = forms.formset_factory(
    ActionItemForm,
    formset=BaseActionItemFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def action_item_formset(data, *, mentorship: Mentorship, session: Session | None = None):
    initial = []
    if session is not None:
        initial = [
            {
                "id": item.pk,
                "text": item.text,
                "owner": owner_value(item),
                "due_date": item.due_date,
                "done": item.is_done,
                "done_shown": "1" if item.is_done else "0",
            }
            for item in session.action_items.all()
        ]
    return ActionItemFormSet(
        data,
        initial=initial,
        prefix="items",
        form_kwargs={"owner_choices": owner_choices(mentorship)},
    )


# --- Check-ins -------------------------------------------------------------------------------

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
