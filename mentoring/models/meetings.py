"""Community meetings: quarterly discussions, workshops and webinars for the whole programme.

Each meeting is its own row (its own agenda, minutes, attendance and calendar UID); a quarterly
series only groups rows that were scheduled one after the other.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programme import Cohort, Organisation, WebAddressField, timezone_choices


def confirmed_q(prefix: str = "") -> Q:
    """A confirmed place: a yes that is not on the waiting list (`prefix` reaches the answer)."""
    return Q(**{f"{prefix}answer": "yes", f"{prefix}waitlisted": False})


class MeetingQuerySet(models.QuerySet):
    def with_confirmed_count(self):
        """`coming`: how many people have a confirmed place."""
        return self.annotate(coming=models.Count("responses", filter=confirmed_q("responses__")))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def active(self):
        return self.filter(cancelled_at__isnull=True)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly community meeting")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        OTHER = "other", _("Other")

    class Audience(models.TextChoices):
        COMMUNITY = "community", _("The whole community")
        COHORTS = "cohorts", _("Chosen cohorts")
        ORGANISATIONS = "organisations", _("Chosen organisations")

    uid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUARTERLY)
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("the meeting's timezone"), max_length=64, choices=timezone_choices, default="UTC"
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("venue address"), blank=True)
    call_link = WebAddressField(
        _("online call link"),
        blank=True,
        max_length=500,
        help_text=_("Shown only to the people invited."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.COMMUNITY
    )
    cohorts = models.ManyToManyField(
        Cohort, verbose_name=_("cohorts"), blank=True, related_name="meetings"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="meetings"
    )
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hosts"),
        blank=True,
        related_name="hosted_meetings",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. When full, further answers join a waiting list."),
    )
    travel_notes = models.TextField(
        _("travel and accommodation notes"),
        blank=True,
        help_text=_("For participants travelling to the venue. Markdown."),
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    series = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # SEQUENCE of the calendar event: raised on every change invitees should hear about.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    # Optimistic concurrency (mentoring/conflicts.py): the edit and minutes forms carry
    # `version`, the attendance form `attendance_version`; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    attendance_version = models.PositiveIntegerField(_("attendance version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentoring:meeting_detail", args=[self.uid])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class MeetingResponseQuerySet(models.QuerySet):
    def confirmed(self):
        """Answers that hold a place (see `confirmed_q`)."""
        return self.filter(confirmed_q())

    def waiting(self):
        """Yes answers on the waiting list, first come first served."""
        return self.filter(answer=MeetingResponse.Answer.YES, waitlisted=True)


class MeetingResponse(models.Model):
    """An invitee's answer to a meeting: yes, no or maybe, with an optional note."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, I will come")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No, I cannot come")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_responses",
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    waitlisted = models.BooleanField(_("on the waiting list"), default=False)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    objects = MeetingResponseQuerySet.as_manager()

    class Meta:
        ordering = ["answered_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_response_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}: {self.answer}"

    @property
    def is_confirmed(self) -> bool:
        return self.answer == self.Answer.YES and not self.waitlisted


class MeetingAttendance(models.Model):
    """Someone who attended; the organisation they came for is kept as it was that day."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_attendance",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_attendance",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting}"


class MeetingReminder(models.Model):
    """One reminder e-mail sent, so that sending again is a no-op."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reminders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    hours_before = models.PositiveIntegerField(_("hours before"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting reminder")
        verbose_name_plural = _("meeting reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "hours_before"], name="meeting_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} → {self.user} ({self.hours_before} h)"


class CalendarFeedToken(models.Model):
    """A person's private calendar feed. Only the token's hash is kept; deleting revokes it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("ends with"), max_length=4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} …{self.hint}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def make_token() -> str:
        return secrets.token_urlsafe(32)
