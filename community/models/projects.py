"""Collective Action projects, the sectors they work in, and the partners they share."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mentoring.models import Organisation
from mentoring.models.programme import WebAddressField

from ..normalise import partner_key

PARTNER_NAME_MIN = 2
PARTNER_NAME_MAX = 200


class Sector(models.Model):
    """The short list of sectors projects work in; leads edit it in the admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, falling back to English."""
        if self.name_fr and (get_language() or "").startswith("fr"):
            return self.name_fr
        return self.name


class Partner(models.Model):
    """A company, association, agency, donor or NGO that projects work with. Shared: two
    organisations naming the same partner point at one row (same `key`)."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        BUSINESS_ASSOCIATION = "business_association", _("Business association")
        CHAMBER = "chamber", _("Chamber of commerce")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        DONOR = "donor", _("Donor")
        NGO = "ngo", _("Non-governmental organisation")
        OTHER = "other", pgettext_lazy("partner kind", "Other")

    name = models.CharField(_("name"), max_length=PARTNER_NAME_MAX)
    key = models.CharField(_("matching key"), max_length=PARTNER_NAME_MAX, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True)
    website = WebAddressField(_("website"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = partner_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("community:partner_detail", args=[self.pk])


class ProjectQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def shareable(self):
        """What may feed anything seen outside the project's organisation: suggestions,
        reasons, counts, the map, search, exports. Never a confidential or trashed project,
        never one of an applicant organisation."""
        return self.filter(
            deleted_at__isnull=True,
            is_confidential=False,
            organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI],
        )


class Project(models.Model):
    """A Collective Action initiative of one organisation."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        FORMING = "forming", _("Forming the group")
        AGREEMENT = "agreement", _("Agreement signed")
        IMPLEMENTING = "implementing", _("Implementing")
        MONITORING = "monitoring", _("Monitoring")
        ENDED = "ended", pgettext_lazy("project stage", "Ended")

    class Approach(models.TextChoices):
        INTEGRITY_PACT = "integrity_pact", _("Integrity pact")
        CODE_OF_CONDUCT = "code_of_conduct", _("Sector code of conduct")
        CERTIFICATION = "certification", _("Certification")
        MULTI_STAKEHOLDER = "multi_stakeholder", _("Multi-stakeholder initiative")
        OTHER = "other", pgettext_lazy("project approach", "Other")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="projects"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    approach = models.CharField(_("approach"), max_length=20, choices=Approach.choices)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), blank=True, related_name="projects"
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Only your organisation, its mentors and the programme leads see a confidential "
            "project and its partners; it is left out of suggestions, the map and every count."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:project_detail", args=[self.pk])
