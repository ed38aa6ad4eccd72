from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal and accounts")
    default = True

    def ready(self) -> None:
        # Intake accepts applications into organisations and invitations; invitations belong
        # to portal, which no app imports, so portal hands intake its inviter here.
        from intake.services import Inviter, register_inviter

        from . import (
            checks,  # noqa: F401 (registers the deployment checks)
            mfa,  # noqa: F401  (registers the deploy check on the MFA keys)
            services,
        )

        register_inviter(Inviter(create=services.invite_applicant, send=services.invitation_send))


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
