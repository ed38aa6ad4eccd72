from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentoring import permissions as mp
from mentoring.forms.fields import SingleLineCharField, safe_formfield
from mentoring.images import process_picture
from mentoring.models import Organisation
from mentoring.roles import Role
from mentoring.timezones import TimezoneField

from . import permissions
from .models import Invitation, User


class InvitationForm(forms.Form):
    """Leads invite anyone; an organisation's admins invite colleagues to their own organisation."""

    email = forms.EmailField(label=_("E-mail address"))
    full_name = SingleLineCharField(label=_("Name (optional)"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MENTEE)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Required for mentees: the organisation they belong to."),
    )
    is_admin = forms.BooleanField(
        label=_("Organisation admin"),
        required=False,
        help_text=_("Admins edit their organisation's profile and invite colleagues."),
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = permissions.invitable_organisations(user)
        if not mp.is_lead(user):
            organisation.required = True
            organisation.empty_label = None
            organisation.help_text = ""
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (Role.MENTEE, Role.MENTEE.label)
            ]

    def clean_email(self) -> str:
        """Whether the address has an account is never told: the invitation is made and sent
        either way (the e-mail then asks that person to sign in and join, see docs/accounts.md).
        Only pending invitations the inviter can see in their own list are mentioned."""
        return self.cleaned_data["email"].lower()

    def clean(self):
        data = super().clean()
        role, organisation = data.get("role"), data.get("organisation")
        email = data.get("email")
        if email and "organisation" not in self.errors:
            pending = Invitation.objects.pending().filter(email__iexact=email)
            if not mp.is_lead(self.user):
                pending = pending.filter(organisation=organisation)
            if pending.exists():
                self.add_error(
                    "email",
                    ValidationError(
                        _(
                            "This address already has a pending invitation: resend it from the list."
                        ),
                        code="pending",
                    ),
                )
        if role == Role.MENTEE and organisation is None and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose the organisation this mentee belongs to."))
        if role != Role.MENTEE:
            data["organisation"] = None
            data["is_admin"] = False
        if organisation is not None and not mp.can_invite_to(self.user, organisation):
            self.add_error("organisation", _("You can only invite people to your organisation."))
        return data


class AcceptInvitationForm(forms.Form):
    full_name = SingleLineCharField(label=_("Your full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_("At least 10 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    timezone = TimezoneField(label=_("Your timezone"), detect=True)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(email=self.invitation.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(forms.ModelForm):
    timezone = TimezoneField(label=_("Timezone"))
    avatar = forms.FileField(
        label=_("Picture"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB; shown at 256 pixels."),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my picture"), required=False)

    class Meta:
        model = User
        fields = ["full_name", "timezone", "language", "avatar"]
        formfield_callback = safe_formfield

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if upload and hasattr(upload, "content_type"):
            return process_picture(upload)
        return upload
