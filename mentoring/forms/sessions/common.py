"""What the session forms share: date and time widgets, the timezone hint, combining a
day and a clock time in the viewer's zone, safe call links and the versioned base form."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_DAYS_AHEAD = 365


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


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

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


# --- Mentorships -----------------------------------------------------------------------------
