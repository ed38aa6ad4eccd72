"""The funder report: the dashboard's figures for a scope, broken down by organisation and by
country, with the check-in scores; as a page, CSV and XLSX. Private notes are never read here.
"""

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from community.selectors import introductions_made
from mentoring.spreadsheets import CsvWriter, defuse, print_ready

from . import figures as fig
from .filters import Scope


@dataclass(frozen=True)
class Percent:
    """A whole percentage: shown as "85%" ("85 %" in French), stored in XLSX as the number
    0.85 formatted as a percentage."""

    value: int

    def __str__(self) -> str:
        return _("%(percent)s%%") % {"percent": self.value}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


@dataclass
class FunderReport:
    scope: Scope
    figures: fig.Figures
    organisations: list
    countries: list[dict]
    check_ins: list[dict]
    introductions_made: int = 0

    def summary_rows(self) -> list[list]:
        f = self.figures
        rate = "" if f.attendance_rate is None else Percent(f.attendance_rate)
        return [
            [_("Active organisations"), f.active_organisations],
            [_("Countries reached"), f.countries],
            [_("Mentorships"), f.mentorships],
            [_("Mentors"), f.mentors],
            [_("Sessions"), f.sessions],
            [_("Mentoring hours"), f.hours],
            [_("Action items done"), f.action_items_done],
            [_("Action items overdue"), f.action_items_overdue],
            [_("Meetings held"), f.meetings_held],
            [_("Attendance rate"), rate],
            [_("Documents added"), f.documents_added],
            [_("Documents shared"), f.documents_shared],
            [_("Introductions made"), self.introductions_made],
        ]

    def tables(self) -> list[Table]:
        scope = self.scope
        about = [
            [_("Period"), f"{scope.first_day.isoformat()} – {scope.last_day.isoformat()}"],
            [_("Cohort"), str(scope.cohort) if scope.cohort else pgettext("cohorts", "All")],
            [
                _("Country"),
                countries.name(scope.country) if scope.country else pgettext("countries", "All"),
            ],
        ]
        return [
            Table(_("Summary"), [_("Figure"), _("Value")], about + self.summary_rows()),
            Table(
                _("Organisations"),
                [
                    _("Organisation"),
                    _("Country"),
                    _("Cohort"),
                    _("Sessions"),
                    _("Mentoring hours"),
                    _("Action items done"),
                    _("Meetings attended"),
                    _("Documents added"),
                    _("Check-in usefulness (1–5)"),
                    _("Check-in progress (1–5)"),
                ],
                [
                    [
                        org.name,
                        str(org.country.name),
                        str(org.cohort) if org.cohort else "",
                        org.session_count,
                        fig.hours(org.session_minutes),
                        org.items_done,
                        org.meetings_attended,
                        org.documents_added,
                        _score(org.usefulness),
                        _score(org.progress),
                    ]
                    for org in self.organisations
                ],
            ),
            Table(
                _("Countries"),
                [
                    _("Country"),
                    _("Organisations"),
                    _("Sessions"),
                    _("Mentoring hours"),
                    _("Action items done"),
                    _("Meetings attended"),
                    _("Documents added"),
                ],
                [
                    [
                        c["name"],
                        c["organisations"],
                        c["sessions"],
                        fig.hours(c["minutes"]),
                        c["items_done"],
                        c["meetings_attended"],
                        c["documents_added"],
                    ]
                    for c in self.countries
                ],
            ),
            Table(
                _("Check-in scores"),
                [_("Stage"), _("Side"), _("Answers"), _("Usefulness (1–5)"), _("Progress (1–5)")],
                [
                    [
                        str(c["stage"]),
                        str(c["side"]),
                        c["answers"],
                        _score(c["usefulness"]),
                        _score(c["progress"]),
                    ]
                    for c in self.check_ins
                ],
            ),
        ]


def _score(value) -> float | str:
    return "" if value is None else round(value, 1)


def build(scope: Scope) -> FunderReport:
    # Annotated rows (session_count, ...) and django-countries' Country: typed loosely.
    organisations: list[Any] = list(fig.organisation_activity(scope))
    by_country: dict[str, dict] = {}
    # The per-organisation rows are already aggregated by the database; adding them up per
    # country here costs no query.
    for org in organisations:
        row = by_country.setdefault(
            org.country.code,
            {
                "name": str(org.country.name),
                "organisations": 0,
                "sessions": 0,
                "minutes": 0,
                "items_done": 0,
                "meetings_attended": 0,
                "documents_added": 0,
            },
        )
        row["organisations"] += 1
        row["sessions"] += org.session_count
        row["minutes"] += org.session_minutes
        row["items_done"] += org.items_done
        row["meetings_attended"] += org.meetings_attended
        row["documents_added"] += org.documents_added
    return FunderReport(
        scope=scope,
        figures=fig.compute(scope),
        organisations=organisations,
        countries=sorted(by_country.values(), key=lambda c: c["name"]),
        check_ins=fig.check_in_scores(scope),
        introductions_made=introductions_made(scope),
    )


def as_csv(report: FunderReport, layout: str = "plain") -> bytes:
    """Tables one after the other, each under its title, separated by an empty line; in the
    layout asked for (`mentoring.spreadsheets`)."""
    writer = CsvWriter(layout)
    for index, table in enumerate(report.tables()):
        if index:
            writer.row([])
        writer.row([table.title])
        writer.row(table.headers)
        for row in table.rows:
            writer.row([str(v) if isinstance(v, Percent) else v for v in row])
    return writer.text().encode("utf-8")


def _xlsx_value(cell, value) -> None:
    """Numbers stay numbers (so that any language's spreadsheet reads them), percentages are
    fractions shown as percentages, text is defused."""
    if isinstance(value, Percent):
        cell.value = value.value / 100
        cell.number_format = "0%"
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = "0.0"
    else:
        cell.value = defuse(value)


def as_xlsx(report: FunderReport) -> bytes:
    """One sheet per table, headings in bold and repeated on every printed page; landscape
    A4, one page wide."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables():
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _xlsx_value(sheet.cell(row=number, column=column), value)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(40, max(10, width + 2))
        print_ready(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
