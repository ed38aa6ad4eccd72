"""The timezone field: the programme's own zones first, a search on the server for the others.

A `<select>` of all 550 IANA zones weighed 32 KB on every page that asked for a zone. The field
shows instead the zones the programme's people and organisations use, grouped by region, and
a search box: typing "Lagos" or "America/Toronto" and saving picks that zone; a word that
matches several zones (or the Find button) shows them at the top of the list, without saving,
to choose from. No JavaScript is needed; `static/portal/timezone.js` only preselects the
browser's zone where a field asks for it (`detect=True`, the join page).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Organisation, timezone_choices

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
MAX_MATCHES = 25


@functools.cache
def all_zones() -> frozenset[str]:
    return frozenset(name for name, _label in timezone_choices())


def programme_zones() -> list[str]:
    """The zones the programme's active people and its organisations use, in one query."""
    people = get_user_model().objects.filter(is_active=True).order_by().values_list("timezone")
    organisations = Organisation.objects.order_by().values_list("timezone")
    return sorted({zone for (zone,) in people.union(organisations)} & all_zones())


def search(query: str) -> list[str]:
    """Zones whose name contains the words typed ("lagos", "new york", "america/tor")."""
    needle = "_".join(query.strip().lower().split())
    if not needle:
        return []
    exact = [z for z in all_zones() if z.lower() == needle or place(z).lower() == query.lower()]
    if exact:
        return sorted(exact)
    return sorted(z for z in all_zones() if needle in z.lower())[:MAX_MATCHES]


def place(zone: str) -> str:
    """ "Africa/Porto-Novo" → "Porto-Novo"; "America/Argentina/Buenos_Aires" → "Buenos Aires
    (Argentina)"."""
    parts = zone.replace("_", " ").split("/")
    if len(parts) == 1:
        return parts[0]
    return parts[-1] + (f" ({', '.join(parts[1:-1])})" if len(parts) > 2 else "")


def grouped(zones: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Zones as `<optgroup>`s by region, each sorted by place name. UTC (no region) comes
    first, outside any group: a required `<select>` must not open with a grouped option."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for zone in zones:
        region = zone.split("/")[0] if "/" in zone else ""
        groups.setdefault(region, []).append((zone, place(zone)))
    return [
        (str(REGIONS.get(region, region)), sorted(options, key=lambda o: o[1]))
        for region, options in sorted(groups.items())
    ]


@dataclass(frozen=True)
class ZoneSearch:
    """What the form received when the search box was filled in."""

    query: str
    chosen: str
    find: bool  # the Find button: show the matches, never save

    @functools.cached_property
    def matches(self) -> list[str]:
        return search(self.query)


class TimezoneWidget(forms.Widget):
    template_name = "forms/timezone.html"

    def __init__(self, attrs=None, *, detect: bool = False):
        super().__init__(attrs)
        self.detect = detect

    def use_required_attribute(self, initial):
        # A required <select> must open with an empty placeholder option (HTML); this one
        # always has a zone chosen, and the server refuses an empty one anyway.
        return False

    def value_from_datadict(self, data, files, name):
        chosen = data.get(name, "")
        query = data.get(f"{name}_search", "").strip()
        if not query:
            return chosen
        return ZoneSearch(query=query, chosen=chosen, find=f"{name}_find" in data)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_search" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = value.chosen if isinstance(value, ZoneSearch) else (value or "")
        zones = set(programme_zones()) | {"UTC"}
        if chosen in all_zones():
            zones.add(chosen)
        groups = grouped(sorted(zones))
        if isinstance(value, ZoneSearch) and value.matches:
            label = _("Zones matching “%(query)s”") % {"query": value.query}
            groups.insert(1, (label, [(z, z.replace("_", " ")) for z in value.matches]))
            chosen = chosen if chosen in value.matches else value.matches[0]
        context["widget"].update(
            groups=groups,
            chosen=chosen,
            detect=self.detect and not isinstance(value, ZoneSearch),
        )
        return context


class TimezoneField(forms.ChoiceField):
    """A choice among every IANA zone, shown as the programme's zones plus a search box."""

    def __init__(self, *, detect: bool = False, **kwargs):
        kwargs.setdefault("widget", TimezoneWidget(detect=detect))
        super().__init__(**kwargs)  # the widget lists what to show; valid_value decides

    def valid_value(self, value):
        return value in all_zones()

    def to_python(self, value):
        if not isinstance(value, ZoneSearch):
            return super().to_python(value)
        matches = value.matches
        if len(matches) == 1 and not value.find:
            return matches[0]
        if not matches:
            raise ValidationError(
                _("No timezone matches “%(query)s”: try the name of a city near you."),
                code="no_match",
                params={"query": value.query},
            )
        raise ValidationError(
            _("Choose your zone among those matching “%(query)s”, at the top of the list."),
            code="choose",
            params={"query": value.query},
        )

    def has_changed(self, initial, data):
        return not isinstance(data, ZoneSearch) and super().has_changed(initial, data)
