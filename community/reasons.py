"""A synergy `Reason` in words, in the active language (the reader's)."""

from django.utils.translation import gettext as _
from django_countries import countries as country_names

from .models import Project
from .synergy import APPROACH, COUNTRY_SECTOR, PARTNER, STAGE, Reason


def describe(reason: Reason, *, partners: dict[int, str], sectors: dict[int, str]) -> str:
    country = str(country_names.name(reason.country)) if reason.country else ""
    if reason.kind == PARTNER:
        name = partners.get(int(reason.subject), "")
        if country:
            return _("works with the same partner, %(partner)s, in %(country)s") % {
                "partner": name,
                "country": country,
            }
        return _("works with the same partner, %(partner)s") % {"partner": name}
    if reason.kind == COUNTRY_SECTOR:
        return _("also works on %(sector)s in %(country)s") % {
            "sector": sectors.get(int(reason.subject), ""),
            "country": country,
        }
    if reason.kind == APPROACH:
        return _("uses the same approach: %(approach)s") % {
            "approach": Project.Approach(str(reason.subject)).label
        }
    if reason.kind == STAGE:
        return _("has a project at the same stage: %(stage)s") % {
            "stage": Project.Stage(str(reason.subject)).label
        }
    raise ValueError(reason.kind)
