"""Sections that other apps add to the organisation page, so that mentoring never imports them.

An app registers a callable `(request, organisation) -> str` (rendered, safe HTML) in its
AppConfig.ready(); the organisation page shows each one's result below its own sections. The
callable decides itself what the viewer may see (through its own app's permissions.py).
"""

from collections.abc import Callable

from django.http import HttpRequest

from .models import Organisation

OrganisationSection = Callable[[HttpRequest, Organisation], str]

_organisation_sections: list[OrganisationSection] = []


def register_organisation_section(section: OrganisationSection) -> OrganisationSection:
    if section not in _organisation_sections:
        _organisation_sections.append(section)
    return section


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[str]:
    return [section(request, organisation) for section in _organisation_sections]
