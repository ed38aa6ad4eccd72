"""One-on-one mentoring: topics, goals, session logs, action items and check-ins.

Confidentiality: `Session.private_notes` is for the mentorship's mentors and the leads only;
templates, e-mails and exports read it only where `permissions.can_see_private_notes` allows.
"""

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programme import Mentorship, NamedInTwoLanguages
from .trash import LiveManager, Trashable, TrashQuerySet

MAX_SESSION_MINUTES = 12 * 60


class Topic(NamedInTwoLanguages):
    """The short taxonomy of what sessions are about; leads edit it in the admin."""

    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Retired topics stay on old logs.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Goal(models.Model):
    """What mentor and organisation agreed to work towards in a mentorship."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    mentorship = models.ForeignKey(
        Mentorship, verbose_name=_("mentorship"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    progress_notes = models.TextField(
        _("progress notes"),
        blank=True,
        help_text=_("What moved, what is blocked. Seen by the organisation and its mentors."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["target_date", "title"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class SessionQuerySet(TrashQuerySet):
    def with_totals(self) -> dict:
        """Number of sessions and hours, in one query."""
        totals = self.order_by().aggregate(
            count=models.Count("pk"), minutes=models.Sum("duration_minutes")
        )
        return {"count": totals["count"] or 0, "hours": round((totals["minutes"] or 0) / 60, 1)}


class Session(Trashable):
    """A one-on-one session log, written by a mentor of the mentorship."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")

    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="sessions_logged",
    )
    started_at = models.DateTimeField(_("start"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)],
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ONLINE
    )
    location = models.CharField(_("place or call link"), max_length=300, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attended from the organisation"),
        related_name="sessions_attended",
        blank=True,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="sessions", blank=True
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals served"), related_name="sessions", blank=True
    )
    summary = models.TextField(
        _("shared summary"),
        blank=True,
        help_text=_("Read by the organisation's members. Markdown: **bold**, lists, links."),
    )
    private_notes = models.TextField(
        _("private mentor notes"),
        blank=True,
        help_text=_("Only the mentors and programme leads read these, never the organisation."),
    )
    next_session_at = models.DateTimeField(_("next session"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # In the trash (mentoring/models/trash.py): `objects` shows live logs, `all_objects` all.
    # A narrower manager than Trashable's, which mypy cannot see (django-stubs issue 174).
    objects: ClassVar = LiveManager.from_queryset(SessionQuerySet)()  # type: ignore[assignment]
    all_objects: ClassVar = SessionQuerySet.as_manager()
    trash_bumps = "version"

    class Meta:
        ordering = ["-started_at"]
        base_manager_name = "all_objects"
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=MAX_SESSION_MINUTES),
                name="session_duration_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentorship} – {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:session_detail", args=[self.pk])

    @property
    def ended_at(self):
        return self.started_at + timedelta(minutes=self.duration_minutes)

    @property
    def hours(self) -> float:
        return round(self.duration_minutes / 60, 2)


class ActionItem(models.Model):
    """Something someone promised to do after a session."""

    class Owner(models.TextChoices):
        ORGANISATION = "organisation", _("The organisation")
        MENTOR = "mentor", _("The mentor")

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=12, choices=Owner.choices, default=Owner.ORGANISATION
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ticked off by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_done and self.due_date is not None and self.due_date < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def owner_label(self) -> str:
        if self.owner_person_id:
            return f"{self.owner_person} ({self.get_owner_display()})"
        return str(self.get_owner_display())


class CheckIn(models.Model):
    """A short questionnaire answered by each side at the start, midpoint and end."""

    class Stage(models.TextChoices):
        START = "start", _("Start")
        MIDPOINT = "midpoint", _("Midpoint")
        END = "end", _("End")

    class Side(models.TextChoices):
        ORGANISATION = "organisation", _("The organisation")
        MENTOR = "mentor", _("The mentor")

    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    usefulness = models.PositiveSmallIntegerField(
        _("how useful is the mentoring?"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    progress = models.PositiveSmallIntegerField(
        _("how much has changed?"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    what_changed = models.TextField(_("what changed"), blank=True)
    what_is_needed = models.TextField(_("what is needed"), blank=True)
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["mentorship", "stage", "side"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "stage", "side"], name="checkin_one_per_side_and_stage"
            ),
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5, progress__gte=1, progress__lte=5),
                name="checkin_scores_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship} – {self.get_stage_display()} – {self.get_side_display()}"


class DigestSent(models.Model):
    """The weekly action-item digest was queued for this person in the week starting on
    `week` (a Monday): running the digest again that week, from any host, sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_per_person_and_week")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.week}"
