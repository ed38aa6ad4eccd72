"""The document exchange: documents in organisation spaces or the community library, their
versions (stored bytes), shares, attachments to mentoring objects and e-mail preferences.

Rows never hold a path derived from a user's file name: `Version.storage_key` is random.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentoring.models import Organisation, Trashable


class Document(Trashable):
    """A document in one organisation's space, or in the community library (no organisation)."""

    class Category(models.TextChoices):
        WORKING = "working", _("Working document")
        TOOL = "tool", _("Tool")
        TEMPLATE = "template", _("Template")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        OTHER = "other", _("Other language")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("space"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Empty for the community library."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.WORKING
    )
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.EN
    )
    current_version = models.ForeignKey(
        "Version",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_from = models.ForeignKey(
        "self",
        verbose_name=_("published from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
    )
    shared_with = models.ManyToManyField(
        Organisation,
        verbose_name=_("shared with"),
        through="Share",
        related_name="documents_shared_with",
        blank=True,
    )
    # Optimistic concurrency: every edit of the description bumps this counter.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # In the trash (mentoring/models/trash.py): `objects` shows live documents,
    # `all_objects` the trash too.

    class Meta:
        base_manager_name = "all_objects"
        ordering = ["-updated_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["organisation", "deleted_at", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.public_id])

    @property
    def in_library(self) -> bool:
        return self.organisation_id is None

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class Version(models.Model):
    """One uploaded file of a document. Earlier versions are kept; only purge deletes bytes."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    storage_key = models.CharField(max_length=100, unique=True, editable=False)
    thumbnail_key = models.CharField(max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=120)
    sha256 = models.CharField(max_length=64, editable=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def icon(self) -> str:
        """A short label standing for the kind of file, shown where no thumbnail exists."""
        ct = self.content_type
        if ct == "application/pdf":
            return "PDF"
        if "spreadsheet" in ct or ct.startswith("text/csv"):
            return "XLS" if "spreadsheet" in ct else "CSV"
        if "presentation" in ct:
            return "PPT"
        if "word" in ct or "opendocument.text" in ct:
            return "DOC"
        if ct.startswith("image/"):
            return "IMG"
        return "TXT"


class Share(models.Model):
    """A document of one space, readable (not editable) by another organisation's insiders."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="shares"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="document_shares",
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        constraints = [
            models.UniqueConstraint(fields=["document", "organisation"], name="share_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.organisation}"


class Attachment(models.Model):
    """A document attached to a mentoring object (a session log, a community meeting...).

    The link belongs to the documents app, so `mentoring` never imports `documents`."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="attachments"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    attached_at = models.DateTimeField(_("attached"), auto_now_add=True)

    class Meta:
        ordering = ["attached_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"], name="attachment_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document} @ {self.content_type.model} {self.object_id}"


class NotificationPreference(models.Model):
    """Per person: whether to receive e-mails about new and shared documents (default yes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="document_preference",
    )
    email_on_new_documents = models.BooleanField(
        _("E-mail me when a document is added to or shared with my organisation"), default=True
    )

    class Meta:
        verbose_name = _("document notification preference")
        verbose_name_plural = _("document notification preferences")
        constraints = [models.UniqueConstraint(fields=["user"], name="docpref_unique_user")]

    def __str__(self) -> str:
        return str(self.user)
