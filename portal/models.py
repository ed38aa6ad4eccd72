import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from mentoring.images import picture_path
from mentoring.models import Organisation, timezone_choices
from mentoring.roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("role", Role.LEAD)
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The e-mail address is the login; there is no username."""

    # Per-request caches of mentoring.permissions (the organisations the person belongs to,
    # administers, mentors), set on the request's user object; never stored.
    _member_org_ids: set[int]
    _admin_org_ids: set[int]
    _mentored_org_ids: set[int]

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MENTEE)
    timezone = models.CharField(
        _("timezone"), max_length=64, choices=timezone_choices, default="UTC"
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    avatar = models.ImageField(_("picture"), upload_to=picture_path, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A deactivated person cannot sign in; what they wrote stays."),
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_lead(self) -> bool:
        return self.is_active and self.role == Role.LEAD

    @property
    def is_mentor(self) -> bool:
        return self.is_active and self.role == Role.MENTOR

    @property
    def is_mentee(self) -> bool:
        return self.is_active and self.role == Role.MENTEE

    # Leads run the programme and correct data in the admin: they hold every model permission.
    def has_perm(self, perm, obj=None) -> bool:
        return self.is_lead or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return self.is_lead or super().has_module_perms(app_label)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry():
    return timezone.now() + timedelta(days=settings.PORTAL_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring invitation to join the portal. Only the token's hash is stored."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="mentee", organisation__isnull=False)
                | ~models.Q(role="mentee"),
                name="invitation_mentee_has_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def hash_token(token: str) -> str:
        return _token_hash(token)

    def new_token(self) -> str:
        """Give the invitation a fresh secret (the old link stops working) and return it."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _token_hash(token)
        return token

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class Highlight(models.Model):
    """A session whose shared summary the leads chose for the year in review."""

    session = models.ForeignKey(
        "mentoring.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="highlights",
    )
    year = models.PositiveSmallIntegerField(_("programme year"), db_index=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "session__started_at"]
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
        constraints = [
            models.UniqueConstraint(fields=["session", "year"], name="highlight_unique_session")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.session}"
