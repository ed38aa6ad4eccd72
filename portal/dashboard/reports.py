"""The funder report: the dashboard's figures for a scope, broken down by organisation and by
country, with the check-in scores; as a page, CSV and XLSX. Private notes are never read here.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook
from openpyxl.styles import Font

from community.selectors import introductions_made

from . import figures as fig
from .filters import Scope

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
        rate = "" if f.attendance_rate is None else f"{f.attendance_rate} %"
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
            [_("Cohort"), str(scope.cohort) if scope.cohort else _("All")],
            [_("Country"), countries.name(scope.country) if scope.country else _("All")],
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
    organisations = list(fig.organisation_activity(scope))
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


def _cell(value):
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(report: FunderReport) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows accents right; tables one after the
    other, each under its title, separated by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for index, table in enumerate(report.tables()):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(report: FunderReport) -> bytes:
    """One sheet per table, headers in bold."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables():
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
