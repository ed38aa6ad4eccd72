"""The dashboard's and reports' filter form, and the arithmetic of periods.

A period is a range of whole days in the viewing lead's timezone (activated per request);
`Scope.start`/`Scope.end` are the matching moments in UTC, the end exclusive, for queries.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from django_countries import countries

from mentoring.forms.filters import FilterForm
from mentoring.forms.widgets import DateInput
from mentoring.models import Cohort, Organisation

THIS_QUARTER = "this_quarter"
LAST_QUARTER = "last_quarter"
THIS_YEAR = "this_year"
LAST_YEAR = "last_year"
CUSTOM = "custom"

PERIOD_CHOICES = [
    (THIS_QUARTER, _("This quarter")),
    (LAST_QUARTER, _("Last quarter")),
    (THIS_YEAR, _("This year")),
    (LAST_YEAR, _("Last year")),
    (CUSTOM, _("Custom dates")),
]


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_dates(period: str, today: date) -> tuple[date, date]:
    """First and last day (both included) of a named period around `today`."""
    if period == LAST_QUARTER:
        start = add_months(quarter_start(today), -3)
        return start, add_months(start, 3) - timedelta(days=1)
    if period == THIS_YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if period == LAST_YEAR:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    start = quarter_start(today)
    return start, add_months(start, 3) - timedelta(days=1)


def local_midnight(day: date) -> datetime:
    """Midnight at the start of `day` in the current timezone, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


@dataclass(frozen=True)
class Scope:
    """What a dashboard or report is about: a period, and optionally a cohort and a country."""

    first_day: date
    last_day: date
    cohort: Cohort | None = None
    country: str = ""

    @property
    def start(self) -> datetime:
        return local_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return local_midnight(self.last_day + timedelta(days=1))

    @property
    def is_filtered(self) -> bool:
        return self.cohort is not None or bool(self.country)

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""

    @property
    def label(self) -> str:
        return f"{date_format(self.first_day, 'DATE_FORMAT')} – {date_format(self.last_day, 'DATE_FORMAT')}"

    def organisation_q(self, prefix: str = "") -> Q:
        """Organisations in the cohort and country (any status), through `prefix`."""
        q = Q()
        if self.cohort is not None:
            q &= Q(**{f"{prefix}cohort": self.cohort})
        if self.country:
            q &= Q(**{f"{prefix}country": self.country})
        return q

    def organisations(self):
        return Organisation.objects.filter(self.organisation_q())

    def period_q(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def slug(self) -> str:
        return f"{self.first_day:%Y-%m-%d}_{self.last_day:%Y-%m-%d}"


class ScopeForm(FilterForm):
    """Filter by cohort, country and period (this quarter unless told otherwise)."""

    field_class = "mb-3"

    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=pgettext_lazy("cohorts", "All"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    period = forms.ChoiceField(
        label=_("Period"), choices=PERIOD_CHOICES, required=False, initial=THIS_QUARTER
    )
    start = forms.DateField(
        label=_("From (custom dates)"),
        required=False,
        widget=DateInput(),
    )
    end = forms.DateField(
        label=_("To (custom dates)"),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Organisation.objects.order_by().values_list("country", flat=True).distinct()
        self.fields["country"].choices = [("", pgettext("countries", "All"))] + sorted(
            ((code, countries.name(code)) for code in codes), key=lambda c: str(c[1])
        )

    def clean(self):
        data = super().clean()
        if data.get("period") != CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        if "start" in data and start is None and "start" not in self.errors:
            self.add_error("start", _("Give the first day of the custom period."))
        if "end" in data and end is None and "end" not in self.errors:
            self.add_error("end", _("Give the last day of the custom period."))
        latest = timezone.localdate().year + 5
        for name, day in (("start", start), ("end", end)):
            if day and not 2000 <= day.year <= latest:
                self.add_error(name, _("Choose a date between 2000 and five years from now."))
                start = end = None
        if start and end and end < start:
            self.add_error("end", _("The last day must not be before the first day."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("end", _("Choose a period of at most five years."))
        return data

    def scope(self) -> tuple[Scope, bool]:
        """The scope asked for, and whether the period fell back to this quarter because the
        custom dates were wrong (the form then carries the message)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        today = timezone.localdate()
        period = data.get("period") or THIS_QUARTER
        fell_back = False
        if period == CUSTOM:
            if data.get("start") and data.get("end") and not {"start", "end"} & set(self.errors):
                first, last = data["start"], data["end"]
            else:
                first, last = period_dates(THIS_QUARTER, today)
                fell_back = True
        else:
            first, last = period_dates(period, today)
        return (
            Scope(
                first_day=first,
                last_day=last,
                cohort=data.get("cohort"),
                country=data.get("country") or "",
            ),
            fell_back,
        )
