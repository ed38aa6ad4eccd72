"""Timezones as people read them: "America/Toronto (EDT, UTC−4)", and a sensible default
zone for a new member from their organisation's country.

Pure: no database.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

# The programme's countries (and neighbours likely to join) → the zone most of their people
# live in. Countries with several zones name the one the programme's members use; a country
# not listed falls back to the inviter's zone (see `default_zone`).
COUNTRY_ZONES = {
    "BF": "Africa/Ouagadougou",
    "BJ": "Africa/Porto-Novo",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CH": "Europe/Zurich",
    "CI": "Africa/Abidjan",
    "CM": "Africa/Douala",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "GH": "Africa/Accra",
    "GN": "Africa/Conakry",
    "IN": "Asia/Kolkata",
    "KE": "Africa/Nairobi",
    "LK": "Asia/Colombo",
    "MG": "Indian/Antananarivo",
    "ML": "Africa/Bamako",
    "MU": "Indian/Mauritius",
    "MW": "Africa/Blantyre",
    "MZ": "Africa/Maputo",
    "NE": "Africa/Niamey",
    "NG": "Africa/Lagos",
    "RW": "Africa/Kigali",
    "SN": "Africa/Dakar",
    "TG": "Africa/Lome",
    "TZ": "Africa/Dar_es_Salaam",
    "UA": "Europe/Kyiv",
    "UG": "Africa/Kampala",
    "US": "America/New_York",
    "ZA": "Africa/Johannesburg",
    "ZM": "Africa/Lusaka",
    "ZW": "Africa/Harare",
}


def default_zone(country_code: str | None, fallback: str | None) -> str:
    """The zone to suggest to someone joining an organisation in `country_code`: the
    country's zone, else `fallback` (the inviter's zone), else UTC."""
    return COUNTRY_ZONES.get((country_code or "").upper()) or fallback or "UTC"


def utc_offset(offset: timedelta) -> str:
    """UTC−4, UTC+5:30, UTC+0 (with a true minus sign)."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_details(zone_name: str, at: datetime | None = None) -> str:
    """ "EDT, UTC−4" for America/Toronto in summer; "UTC+5:30" for Asia/Colombo, whose
    database name is only the offset again; "GMT, UTC+0" for Africa/Abidjan; "UTC" for UTC."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    local = (at or timezone.now()).astimezone(zone)
    offset = utc_offset(local.utcoffset() or timedelta(0))
    abbreviation = local.tzname() or ""
    if abbreviation == "UTC":
        return "UTC"
    if not abbreviation or abbreviation[0] in "+-":
        return offset
    return f"{abbreviation}, {offset}"


def zone_label(zone_name: str, at: datetime | None = None) -> str:
    """ "America/Toronto, EDT, UTC−4": the place and, at that moment, its abbreviation and
    offset (shown in brackets after a time)."""
    details = zone_details(zone_name, at)
    if not details or details == zone_name:
        return zone_name
    return f"{zone_name}, {details}"
