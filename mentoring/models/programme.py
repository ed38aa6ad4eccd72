import uuid
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..images import picture_path
from ..roles import Role


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name] + [
        ("UTC", "UTC")
    ]


class WebAddressField(models.URLField):
    """A URL field whose form assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Cohort(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="cohort_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class NamedInTwoLanguages(models.Model):
    """A name leads keep in English and French (focus areas, session topics): `label` and
    `str()` give the active language's, falling back to English."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=80, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name_fr and (get_language() or "").startswith("fr"):
            return self.name_fr
        return self.name


class FocusArea(NamedInTwoLanguages):
    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations every participant may see in the directory, and the community invited
        to whole-community meetings: active and alumni (applicants are not listed)."""
        return self.filter(status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI])

    def public(self):
        """Organisations of the current cohorts that agreed to appear on the public page."""
        return self.filter(status=Organisation.Status.ACTIVE, public_listing=True)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TI_CHAPTER = "ti_chapter", _("Transparency International chapter")
        COST_CHAPTER = "cost_chapter", _("CoST chapter")
        CONSUMER = "consumer", _("Consumer association")
        YOUTH = "youth", _("Youth network")
        BUSINESS = "business", _("Business initiative")
        EXPERTISE = "expertise", _("Centre of expertise")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        ALUMNI = "alumni", _("Alumni")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    timezone = models.CharField(
        _("timezone"), max_length=64, choices=timezone_choices, default="UTC"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = WebAddressField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=picture_path, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="organisations"
    )
    public_listing = models.BooleanField(
        _("list us on the public programme page"),
        default=False,
        help_text=_("Name, country and logo only, for visitors who are not signed in."),
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    # Optimistic concurrency (mentoring/conflicts.py): the profile form carries it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym or self.name)[:80] or uuid.uuid4().hex[:12]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:organisation_detail", args=[self.slug])

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Membership(models.Model):
    """A person belonging to an organisation; the organisation is the mentee."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_admin = models.BooleanField(
        _("organisation admin"),
        default=False,
        help_text=_("Admins edit the organisation's profile and invite colleagues."),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


def quiet_days() -> int:
    """Days without a session after which a mentorship is quiet (DJANGO_MENTOR_REMINDER_DAYS)."""
    return settings.PORTAL_MENTOR_REMINDER_DAYS


def _quiet_q(days: int | None, now: datetime | None) -> Q:
    """The quiet rule, once: an active mentorship whose last live session is older than `days`
    days, or that never had one and started more than `days` days ago. Needs `last_session`."""
    days = quiet_days() if days is None else days
    now = now or timezone.now()
    return Q(status=Mentorship.Status.ACTIVE) & (
        Q(last_session__lt=now - timedelta(days=days))
        | Q(
            last_session__isnull=True, start_date__lt=timezone.localdate(now) - timedelta(days=days)
        )
    )


class MentorshipQuerySet(models.QuerySet):
    def with_last_session(self):
        """`last_session`: when the latest session not in the trash started (None: never)."""
        if "last_session" in self.query.annotations:
            return self
        from .sessions import Session

        live = Session.objects.filter(mentorship=OuterRef("pk")).order_by()
        return self.annotate(
            last_session=Subquery(
                live.values("mentorship").annotate(last=Max("started_at")).values("last")
            )
        )

    def with_session_stats(self, *, now: datetime | None = None):
        """Sessions, minutes, last session, open action items and `is_quiet` per mentorship,
        without joins that multiply each other (one subquery each)."""
        from .sessions import ActionItem, Session

        live = Session.objects.filter(mentorship=OuterRef("pk")).order_by()
        open_items = ActionItem.objects.filter(
            session__mentorship=OuterRef("pk"),
            session__deleted_at__isnull=True,
            done_at__isnull=True,
        ).order_by()
        return (
            self.with_last_session()
            .annotate(
                session_count=Coalesce(
                    Subquery(
                        live.values("mentorship").annotate(n=Count("pk")).values("n"),
                        output_field=IntegerField(),
                    ),
                    0,
                ),
                session_minutes=Coalesce(
                    Subquery(
                        live.values("mentorship").annotate(m=Sum("duration_minutes")).values("m"),
                        output_field=IntegerField(),
                    ),
                    0,
                ),
                open_item_count=Coalesce(
                    Subquery(
                        open_items.values("session__mentorship")
                        .annotate(n=Count("pk"))
                        .values("n"),
                        output_field=IntegerField(),
                    ),
                    0,
                ),
            )
            .annotate(is_quiet=ExpressionWrapper(_quiet_q(None, now), output_field=BooleanField()))
        )

    def quiet(self, *, days: int | None = None, now: datetime | None = None):
        """Quiet mentorships (see `_quiet_q`); `days` defaults to DJANGO_MENTOR_REMINDER_DAYS.
        The dashboard, the mentorship pages and the reminder e-mails all ask this."""
        return self.with_last_session().filter(_quiet_q(days, now))

    def current(self):
        """Active and paused mentorships: the ones whose mentors are insiders of the
        organisation. A closed mentorship gives its mentors no access to the organisation."""
        return self.filter(status__in=Mentorship.CURRENT_STATUSES)


CHECK_IN_START_DUE_DAYS = 14  # the start check-in is due two weeks after the start
CHECK_IN_END_OPENS_DAYS = 14  # the end check-in opens two weeks before the planned end
ASSUMED_LENGTH_DAYS = 365  # without a planned end, check-ins open as if it lasted a year


@dataclass(frozen=True)
class CheckInWindow:
    """When a stage's check-in opens (may be answered) and when it is due (missing after)."""

    stage: str
    opens_on: date
    due_on: date | None  # None: not due, as long as no planned end is set


class Mentorship(models.Model):
    """An organisation paired with one or more mentors for a period."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("mentorship status", "Active")
        PAUSED = "paused", pgettext_lazy("mentorship status", "Paused")
        CLOSED = "closed", pgettext_lazy("mentorship status", "Closed")

    CURRENT_STATUSES = (Status.ACTIVE, Status.PAUSED)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentors"),
        related_name="mentorships",
        limit_choices_to={"role": Role.MENTOR},
    )
    start_date = models.DateField(_("start"))
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    closing_summary = models.TextField(_("closing summary"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(planned_end_date__gte=models.F("start_date")),
                name="mentorship_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:mentorship_detail", args=[self.pk])

    def check_in_schedule(self) -> dict[str, CheckInWindow]:
        """The check-in schedule, once, for the mentorship page and the dashboard. Start: opens
        at the start, due 14 days later; midpoint: halfway to the planned end; end: opens 14 days
        before the planned end, due on it. Without a planned end only the start is ever due."""
        from .sessions import CheckIn

        start, planned = self.start_date, self.planned_end_date
        end = planned or start + timedelta(days=ASSUMED_LENGTH_DAYS)
        midpoint = start + (end - start) / 2
        windows = [
            CheckInWindow(
                CheckIn.Stage.START, start, start + timedelta(days=CHECK_IN_START_DUE_DAYS)
            ),
            CheckInWindow(CheckIn.Stage.MIDPOINT, midpoint, midpoint if planned else None),
            CheckInWindow(
                CheckIn.Stage.END,
                max(start, end - timedelta(days=CHECK_IN_END_OPENS_DAYS)),
                end if planned else None,
            ),
        ]
        return {window.stage: window for window in windows}

    def check_in_is_open(self, stage: str, today: date | None = None) -> bool:
        """A check-in may be answered from its opening day, and any time once closed."""
        today = today or timezone.localdate()
        return (
            self.check_in_schedule()[stage].opens_on <= today or self.status == self.Status.CLOSED
        )


class AuditEntry(models.Model):
    """What happened, who did it, when and from where. Written by services; never edited."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.CharField(_("object type"), max_length=60, blank=True)
    target_id = models.CharField(_("object"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
