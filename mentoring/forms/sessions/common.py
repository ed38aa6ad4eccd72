"""What the session forms share: the date and time widgets (from ../widgets.py), the timezone hint, combining a
day and a clock time in the viewer's zone, safe call links and the versioned base form."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import VersionField
from ..widgets import DateInput, TimeInput

__all__ = ["MAX_DAYS_AHEAD", "DateInput", "TimeInput", "VersionedForm"]

MAX_DAYS_AHEAD = 365


def _zone_help() -> str:
    return _("In your timezone (%(zone)s).") % {"zone": timezone.get_current_timezone_name()}


def _combine(day: dt.date, clock: dt.time) -> dt.datetime:
    """A date and clock time typed in the viewer's timezone, as an aware moment."""
    return timezone.make_aware(dt.datetime.combine(day, clock), timezone.get_current_timezone())


def _safe_link(value: str) -> str:
    """A place or call link: free text, but anything that looks like a link must be web."""
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme and " " not in scheme and scheme not in {"http", "https"} and "//" in text:
        raise forms.ValidationError(_("Links must start with http:// or https://."))
    if scheme in {"javascript", "data", "vbscript", "file"}:
        raise forms.ValidationError(_("Links must start with http:// or https://."))
    return text


class VersionedForm(forms.Form):
    """Carries the version the person started editing, for optimistic concurrency."""

    version = VersionField(required=False)


# --- Mentorships -----------------------------------------------------------------------------
