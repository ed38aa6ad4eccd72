from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community: projects, partners and introductions")

    def ready(self) -> None:
        # The organisation page (in mentoring) shows our section without mentoring importing us.
        from mentoring.extensions import register_directory_section, register_organisation_section

        from .sections import directory_section, organisation_section

        register_organisation_section(organisation_section)
        register_directory_section(directory_section)
