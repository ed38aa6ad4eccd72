"""The funder report (page, CSV, XLSX) and the year in review with its highlights."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import demo.dashboard as demo
from mentoring.models import AuditEntry, CheckIn, Organisation
from mentoring.roles import Role
from portal.models import Highlight
from tests.factories import (
    CheckInFactory,
    CohortFactory,
    MentorshipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)

from .dashboard_data import PERIOD, at, programme

pytestmark = pytest.mark.django_db

SECRET = "PRIVATE-NOTE"


@pytest.fixture
def lead_client(client):
    client.force_login(UserFactory(role=Role.LEAD, timezone="UTC"))
    return client


def _programme():
    orgs = programme(2, prefix="mw")
    togo = OrganisationFactory(
        name="Association =Togolaise", slug="atg", country="TG", cohort=orgs[0].cohort
    )
    mentorship = MentorshipFactory(organisation=togo, start_date=date(2024, 6, 1))
    SessionFactory(
        mentorship=mentorship,
        started_at=at(2025, 4, 10, 8),
        duration_minutes=120,
        summary="Réunion à Lomé",
        private_notes=f"{SECRET} do not leak",
    )
    check_in = CheckInFactory(
        mentorship=mentorship, stage="start", side="mentor", usefulness=2, progress=1
    )
    CheckIn.objects.filter(pk=check_in.pk).update(answered_at=at(2025, 3, 11))
    return orgs, togo


def test_funder_report_page_breaks_down_by_organisation_and_country(lead_client):
    orgs, togo = _programme()
    response = lead_client.get(reverse("portal:funder_report"), PERIOD)
    assert response.status_code == 200
    report = response.context["report"]
    rows = {org.name: org for org in report.organisations}
    assert rows[togo.name].session_count == 1 and rows[togo.name].session_minutes == 120
    assert rows[orgs[0].name].session_count == 2 and rows[orgs[0].name].meetings_attended == 1
    assert rows[orgs[0].name].usefulness == 4.0
    countries = {c["name"]: c for c in report.countries}
    assert countries["Malawi"]["organisations"] == 2
    assert countries["Malawi"]["sessions"] == 4 and countries["Malawi"]["minutes"] == 360
    assert countries["Togo"]["sessions"] == 1
    scores = {(str(c["stage"]), str(c["side"])): c for c in report.check_ins}
    assert scores[("Start", "The mentor")]["answers"] == 3
    assert scores[("Start", "The mentor")]["usefulness"] == round((4 + 4 + 2) / 3, 1)
    assert scores[("Start", "The organisation")]["progress"] == 3.0
    html = response.content.decode()
    assert 'href="/static/portal/print.css"' in html or "print.css" in html
    assert SECRET not in html


def test_csv_download_has_a_bom_the_figures_and_no_private_notes(lead_client):
    orgs, togo = _programme()
    response = lead_client.get(reverse("portal:funder_report_download", args=["csv"]), PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="funder-report_2025-03-01_2025-04-30.csv"'
    )
    body = response.content
    entry = AuditEntry.objects.get(action="report.download")
    assert entry.summary == "funder-report_2025-03-01_2025-04-30.csv"
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert SECRET not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Sessions", "5"] in rows
    assert ["Mentoring hours", "8.0"] in rows
    togo_row = next(r for r in rows if r and r[0].endswith("Togolaise"))
    assert togo_row[0] == togo.name
    assert togo_row[1:5] == ["Togo", str(togo.cohort), "1", "2.0"]


def test_xlsx_download_opens_back_with_one_sheet_per_table(lead_client):
    orgs, togo = _programme()
    cohort = orgs[0].cohort
    response = lead_client.get(
        reverse("portal:funder_report_download", args=["xlsx"]),
        {**PERIOD, "cohort": cohort.pk, "country": "MW"},
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="funder-report_2025-03-01_2025-04-30_cohort-{cohort.pk}_mw.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Organisations", "Countries", "Check-in scores"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Country"] == "Malawi"
    assert summary["Sessions"] == 4
    assert summary["Mentoring hours"] == 6.0
    assert summary["Attendance rate"] == "100 %"
    organisations = list(workbook["Organisations"].iter_rows(values_only=True))
    assert organisations[0][:4] == ("Organisation", "Country", "Cohort", "Sessions")
    assert sorted(r[0] for r in organisations[1:]) == sorted(o.name for o in orgs)
    assert all(r[3] == 2 and r[4] == 3.0 for r in organisations[1:])
    countries = list(workbook["Countries"].iter_rows(values_only=True))
    assert countries[1][:4] == ("Malawi", 2, 4, 6.0)
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and SECRET in v for v in row)


def test_a_name_that_looks_like_a_formula_is_written_as_text(lead_client):
    OrganisationFactory(name="=HYPERLINK(1)", slug="formula")
    response = lead_client.get(reverse("portal:funder_report_download", args=["xlsx"]), PERIOD)
    workbook = load_workbook(io.BytesIO(response.content))
    names = [r[0] for r in workbook["Organisations"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(1)" in names
    response = lead_client.get(reverse("portal:funder_report_download", args=["csv"]), PERIOD)
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_report_queries_do_not_grow_with_the_programme(lead_client):
    urls = [
        reverse("portal:funder_report"),
        reverse("portal:funder_report_download", args=["csv"]),
        reverse("portal:funder_report_download", args=["xlsx"]),
    ]
    programme(3, prefix="small")
    small = [_queries(lead_client, url, PERIOD) for url in urls]
    programme(30, prefix="large")
    large = [_queries(lead_client, url, PERIOD) for url in urls]
    assert small == large
    assert max(large) <= 20


# --- Year in review --------------------------------------------------------------------------


def test_year_in_review_counts_and_highlights(lead_client):
    orgs = programme(2, prefix="y", cohort_year=2025)
    OrganisationFactory(cohort=CohortFactory(year=2024, name="Older"))
    OrganisationFactory(cohort=None, status=Organisation.Status.APPLICANT)
    session = orgs[0].mentorships.get().sessions.order_by("started_at").first()
    url = reverse("portal:year_review", args=[2025])
    response = lead_client.get(url)
    assert response.status_code == 200
    ctx = response.context
    assert sorted(o.name for o in ctx["new_organisations"]) == ["y 0", "y 1"]
    assert (ctx["sessions"], ctx["hours"], ctx["meetings_held"], ctx["documents_added"]) == (
        4,
        6.0,
        1,
        2,
    )
    assert "No highlight chosen yet" in response.content.decode()

    response = lead_client.post(
        reverse("portal:highlight_toggle", args=[2025]),
        {"session": session.pk, "action": "feature", "page": "1"},
    )
    assert response.status_code == 302
    highlight = Highlight.objects.get()
    assert (highlight.session, highlight.year) == (session, 2025)
    assert AuditEntry.objects.filter(action="highlight.feature").count() == 1
    html = lead_client.get(url).content.decode()
    highlights = html.split('id="year-highlights"')[1].split('id="choose"')[0]
    assert session.summary in highlights and orgs[0].name in highlights
    assert SECRET not in html

    lead_client.post(
        reverse("portal:highlight_toggle", args=[2025]),
        {"session": session.pk, "action": "unfeature"},
    )
    assert not Highlight.objects.exists()
    assert AuditEntry.objects.filter(action="highlight.unfeature").count() == 1


def test_only_that_years_sessions_with_a_summary_can_be_highlighted(lead_client):
    other_year = SessionFactory(started_at=at(2024, 6, 1), summary="Old news")
    no_summary = SessionFactory(started_at=at(2025, 6, 1), summary="")
    trashed = SessionFactory(started_at=at(2025, 6, 1), deleted_at=at(2025, 6, 2))
    for session in (other_year, no_summary, trashed):
        response = lead_client.post(
            reverse("portal:highlight_toggle", args=[2025]),
            {"session": session.pk, "action": "feature"},
        )
        assert response.status_code == 404
    response = lead_client.post(
        reverse("portal:highlight_toggle", args=[2025]), {"session": "x", "action": "feature"}
    )
    assert response.status_code == 404
    assert not Highlight.objects.exists()


def test_year_in_review_lists_candidates_page_by_page(lead_client):
    mentorship = MentorshipFactory()
    for day in range(1, 13):
        SessionFactory(mentorship=mentorship, started_at=at(2025, 2, day), summary=f"Day {day}")
    url = reverse("portal:year_review", args=[2025])
    first = lead_client.get(url)
    assert len(first.context["page_obj"]) == 10
    assert lead_client.get(url, {"page": 2}).context["page_obj"].number == 2
    with CaptureQueriesContext(connection) as ctx:
        lead_client.get(url)
    few = len(ctx.captured_queries)
    for day in range(13, 28):
        SessionFactory(mentorship=MentorshipFactory(), started_at=at(2025, 3, day))
    with CaptureQueriesContext(connection) as ctx:
        lead_client.get(url)
    assert len(ctx.captured_queries) == few


def test_year_out_of_range_is_404(lead_client):
    assert lead_client.get(reverse("portal:year_review", args=[1990])).status_code == 404


def test_demo_highlights_are_seeded_once():
    UserFactory(email="lead@demo.example", role=Role.LEAD)
    now = timezone.now()
    for day in range(1, 6):
        SessionFactory(
            started_at=now.replace(year=now.year - 1, month=1, day=day), summary=f"S {day}"
        )
    demo.seed(now=now)
    assert Highlight.objects.filter(year=now.year - 1).count() == 3
    demo.seed(now=now)
    assert Highlight.objects.count() == 3
