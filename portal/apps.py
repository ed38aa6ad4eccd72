from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal and accounts")
    default = True

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401 (registers the deployment checks)
            mfa,  # noqa: F401  (registers the deploy check on the MFA keys)
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
