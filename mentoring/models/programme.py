import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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


class FocusArea(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations every participant may see in the directory."""
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


class Mentorship(models.Model):
    """An organisation paired with one or more mentors for a period."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("mentorship status", "Active")
        PAUSED = "paused", pgettext_lazy("mentorship status", "Paused")
        CLOSED = "closed", pgettext_lazy("mentorship status", "Closed")

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
