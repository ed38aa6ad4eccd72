"""Public intake: the programme page's text, calls for applications, applications and the
leads' reviews.

Confidentiality: applications hold personal data of people who are not (yet) participants.
Only leads see them in the portal; the applicant reads its own through a private link whose
token is stored hashed. Nothing here is shown on the public programme page.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from mentoring.models import Cohort, Organisation
from mentoring.models.programme import WebAddressField


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random token and the hash we store; the token itself is only ever e-mailed."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


class ProgrammeText(models.Model):
    """What the public programme page says, per language; English is the fallback."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, unique=True
    )
    offer = models.TextField(
        _("what the programme offers and who it is for"), blank=True, help_text=_("Markdown.")
    )
    funders = models.TextField(_("who funds it"), blank=True, help_text=_("Markdown."))
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_("One per line: a title, a vertical bar, then the address (https://…)."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("programme page text")
        verbose_name_plural = _("programme page texts")

    def __str__(self) -> str:
        return self.get_language_display()

    def link_list(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.links.splitlines():
            title, sep, url = line.partition("|")
            if sep and url.strip().startswith(("https://", "http://")):
                pairs.append((title.strip(), url.strip()))
        return pairs


class CallQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Call(models.Model):
    """A call for applications: open between two moments, stated in a named timezone."""

    uid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    timezone = models.CharField(_("timezone of the dates"), max_length=64, default="Europe/Zurich")
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort it fills"), on_delete=models.PROTECT, related_name="calls"
    )
    questions = models.TextField(
        _("extra questions"),
        blank=True,
        help_text=_("One question per line, asked beyond the standard ones."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class ApplicationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def with_scores(self):
        return self.annotate(
            average_score=Avg("reviews__score", filter=Q(reviews__score__isnull=False)),
            score_count=Count("reviews", filter=Q(reviews__score__isnull=False)),
        )


class Application(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("application status", "New")
        SHORTLISTED = "shortlisted", pgettext_lazy("application status", "Shortlisted")
        ACCEPTED = "accepted", pgettext_lazy("application status", "Accepted")
        DECLINED = "declined", pgettext_lazy("application status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")

    uid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    country = CountryField(_("country"))
    website = WebAddressField(_("website"), blank=True)
    kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=Organisation.Kind.choices
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    challenge = models.TextField(_("the Collective Action challenge you face"))
    hopes = models.TextField(_("what you hope from mentoring"))
    answers = models.JSONField(_("answers to the call's questions"), default=list, blank=True)
    attachment_key = models.CharField(max_length=100, blank=True, editable=False)
    attachment_name = models.CharField(_("attachment"), max_length=255, blank=True)
    attachment_size = models.BigIntegerField(null=True, blank=True)
    attachment_type = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    confirm_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["call", "name_key"], name="one_application_per_call")
        ]

    def __str__(self) -> str:
        return self.organisation_name

    def questions_and_answers(self) -> list[tuple[str, str]]:
        return [(row.get("question", ""), row.get("answer", "")) for row in self.answers]


class Review(models.Model):
    """One lead's score and notes on one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "lead"], name="one_review_per_lead"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="review_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.score or '-'})"


def email_hash(address: str) -> str:
    """How a suppressed address is remembered: never the address itself."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


class Subscriber(models.Model):
    """Someone who asked for the quarterly newsletter. Counts once confirmed (double opt-in);
    unsubscribing deletes the row and leaves only a hashed suppression entry."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consented_at = models.DateTimeField(_("consent given"), default=timezone.now)
    consent_text = models.CharField(_("what they agreed to"), max_length=300)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirm_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        return self.email


class Suppression(models.Model):
    """An address that unsubscribed, as a hash, so an import cannot add it again."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return self.email_hash[:12]


class NewsletterIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("newsletter status", "Draft")
        SENDING = "sending", pgettext_lazy("newsletter status", "Sending")
        SENT = "sent", pgettext_lazy("newsletter status", "Sent")

    title = models.CharField(_("title"), max_length=200)
    subject_en = models.CharField(_("subject in English"), max_length=200)
    body_en = models.TextField(_("text in English"), help_text=_("Markdown."))
    subject_fr = models.CharField(_("subject in French"), max_length=200, blank=True)
    body_fr = models.TextField(_("text in French"), blank=True, help_text=_("Markdown."))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.title

    def in_language(self, language: str) -> tuple[str, str]:
        """Subject and text in a subscriber's language, English where French is missing."""
        if language == "fr" and self.subject_fr and self.body_fr:
            return self.subject_fr, self.body_fr
        return self.subject_en, self.body_en


class Delivery(models.Model):
    """One issue to one address: claimed before sending, so a resumed batch never sends
    twice (a crash between sending and marking loses at most that one message)."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
