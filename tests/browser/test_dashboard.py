"""Journeys of a programme lead through the dashboard and the funder report."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from openpyxl import load_workbook

from mentoring.roles import Role
from tests.browser.conftest import axe_check, visit
from tests.factories import (
    CohortFactory,
    MentorshipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)


def _programme():
    today = timezone.localdate()
    pilot = CohortFactory(year=2022, name="Pilot cohort")
    second = CohortFactory(year=2023, name="Second cohort")
    quiet = MentorshipFactory(
        organisation=OrganisationFactory(name="Quiet Chapter", cohort=second, country="MW"),
        start_date=today - timedelta(days=200),
    )
    SessionFactory(mentorship=quiet, started_at=timezone.now() - timedelta(days=60))
    busy = MentorshipFactory(
        organisation=OrganisationFactory(name="Busy Network", cohort=second, country="TG"),
        start_date=today - timedelta(days=200),
    )
    SessionFactory(mentorship=busy, started_at=timezone.now() - timedelta(days=2))
    MentorshipFactory(
        organisation=OrganisationFactory(name="Pilot Alliance", cohort=pilot, country="LK"),
        start_date=today - timedelta(days=300),
    )
    lead = UserFactory(role=Role.LEAD, full_name="Lena Lead", timezone="America/Toronto")
    return lead, second, quiet


def test_lead_filters_by_cohort_follows_an_attention_line_and_downloads_the_report(
    new_context,
):
    lead, second, quiet = _programme()
    page = new_context(lead).new_page()
    visit(page, "/")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url("**/dashboard/")
    axe_check(page)
    quiet_list = page.locator("ul[aria-labelledby=attention-quiet]")
    assert quiet_list.get_by_role("link", name="Pilot Alliance").count() == 1

    page.get_by_label("Cohort").select_option(label=str(second))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"**cohort={second.pk}**")
    axe_check(page)
    attention = page.locator("#attention-heading").locator("xpath=..")
    assert attention.get_by_role("link", name="Pilot Alliance").count() == 0
    quiet_list = page.locator("ul[aria-labelledby=attention-quiet]")
    assert quiet_list.get_by_role("link", name="Busy Network").count() == 0
    assert page.locator("#figures-heading").locator("xpath=..").inner_text().count("Sessions")

    quiet_list.get_by_role("link", name="Quiet Chapter").click()
    page.wait_for_url(f"**{quiet.get_absolute_url()}")
    axe_check(page)
    assert "Quiet Chapter" in page.get_by_role("heading", level=1).inner_text()

    page.go_back()
    page.wait_for_url(f"**cohort={second.pk}**")
    page.get_by_role("link", name="Funder report").click()
    page.wait_for_url(f"**/reports/funder/?**cohort={second.pk}**")
    axe_check(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download XLSX").click()
    download = info.value
    assert download.suggested_filename.startswith("funder-report_")
    assert download.suggested_filename.endswith(f"_cohort-{second.pk}.xlsx")
    with open(download.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    names = [r[0] for r in workbook["Organisations"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Busy Network", "Quiet Chapter"]
    summary = {r[0]: r[1] for r in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Cohort"] == str(second)

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV for Excel/LibreOffice").click()
    with open(info.value.path(), "rb") as handle:
        body = handle.read()
    assert body.startswith(b"\xef\xbb\xbf") and b"Quiet Chapter" in body


def test_dashboard_works_without_javascript(new_context):
    lead, second, quiet = _programme()
    page = new_context(lead, javascript=False).new_page()
    visit(page, "/dashboard/")
    # The charts are drawn by the server and readable without scripts.
    assert page.locator("svg.chart[role=img]").count() >= 1
    assert page.get_by_role("table").count() >= 1
    page.get_by_label("Period").select_option("custom")
    page.get_by_label("From (custom dates)").fill("2025-05-01")
    page.get_by_label("To (custom dates)").fill("2025-04-01")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**period=custom**")
    axe_check(page)
    assert "must not be before the first day" in page.content()
    page.get_by_label("Cohort").select_option(label=str(second))
    page.get_by_label("Period").select_option("this_year")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**period=this_year**")
    axe_check(page)
    quiet_list = page.locator("ul[aria-labelledby=attention-quiet]")
    assert quiet_list.get_by_role("link", name="Quiet Chapter").count() == 1
    attention = page.locator("#attention-heading").locator("xpath=..")
    assert attention.get_by_role("link", name="Pilot Alliance").count() == 0


def test_lead_chooses_a_highlight_for_the_year_in_review_without_javascript(new_context):
    lead, second, quiet = _programme()
    session = SessionFactory(
        mentorship=quiet,
        started_at=timezone.now() - timedelta(days=1),
        summary="The chapter published its **first** disclosure report.",
    )
    year = session.started_at.astimezone(ZoneInfo(lead.timezone)).year
    page = new_context(lead, javascript=False).new_page()
    visit(page, f"/reports/year/{year}/")
    highlights = page.locator("section[aria-labelledby=year-highlights]")
    assert "No highlight chosen yet" in highlights.inner_text()
    card = page.locator(".card", has_text="first disclosure report")
    card.get_by_role("button", name="Make it a highlight").click()
    page.wait_for_url(f"**/reports/year/{year}/**")
    axe_check(page)
    assert "Quiet Chapter" in highlights.inner_text()
    assert "first disclosure report" in highlights.inner_text()
    assert session.highlights.get().chosen_by == lead
    assert "PRIVATE-NOTE" not in page.content()


def test_member_reads_their_timeline_without_private_notes(cast, new_context):
    SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        started_at=timezone.now() - timedelta(days=3),
        summary="We agreed on the **next steps**.",
        private_notes="PRIVATE-NOTE: keep an eye on the budget",
    )
    page = new_context(cast.member_a).new_page()
    visit(page, "/timeline/alliance-a/")
    assert page.get_by_role("heading", level=1).inner_text() == "Timeline of Alliance A"
    assert "next steps" in page.content() and "PRIVATE-NOTE" not in page.content()
    assert page.goto("/timeline/bureau-b/").status == 403
