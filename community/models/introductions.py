"""Introductions between two organisations: asked by a member, or made by a lead."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentoring.models import Organisation


class Introduction(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("introduction status", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("introduction status", "Accepted")
        DECLINED = "declined", pgettext_lazy("introduction status", "Declined")

    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("asking organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_asked",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("asked organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_received",
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    introduced_by_lead = models.BooleanField(_("made by a programme lead"), default=False)
    from_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact of the asking organisation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    to_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact of the other organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="introduction_two_organisations",
            ),
            models.UniqueConstraint(
                fields=["from_organisation", "to_organisation"],
                condition=Q(status="pending"),
                name="introduction_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}"

    def get_absolute_url(self) -> str:
        return reverse("community:introduction_detail", args=[self.pk])
