"""Sections that other apps add to mentoring's pages, so that mentoring never imports them.

An app registers a callable in its AppConfig.ready(): `(request, organisation) -> str` for the
organisation page, `(request) -> str` for the directory (rendered, safe HTML); the page shows
each one's result. The callable decides itself what the viewer may see (through its own app's
permissions.py).
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


DirectorySection = Callable[[HttpRequest], str]

_directory_sections: list[DirectorySection] = []


def register_directory_section(section: DirectorySection) -> DirectorySection:
    if section not in _directory_sections:
        _directory_sections.append(section)
    return section


def directory_sections(request: HttpRequest) -> list[str]:
    return [section(request) for section in _directory_sections]
