"""On a 360 px phone: no page scrolls sideways, the header stays compact, chart labels stay
readable; on a 1280 px desktop the lead's navigation fits one line.

`visit()` already checks the width (and axe) at 360 px on every page the journeys open; this
test walks the key pages of each role with the phone's own viewport from the start."""

from datetime import timedelta

from django.utils import timezone

from tests.browser.conftest import PHONE, visit
from tests.factories import InvitationFactory, SessionFactory

KEY_PAGES = {
    "lead": [
        "/",
        "/dashboard/",
        "/reports/funder/",
        "/invitations/",
        "/organisations/",
        "/organisations/alliance-a/edit/",
        "/mentoring/",
        "/mentoring/sessions/",
        "/mentoring/sessions/print/",
        "/meetings/",
        "/meetings/new/",
        "/documents/",
        "/profile/",
    ],
    "mentor_a": ["/", "/mentoring/", "/mentoring/sessions/", "/mentoring/action-items/"],
    "member_a": ["/", "/organisations/alliance-a/", "/documents/spaces/alliance-a/", "/profile/"],
}


def test_key_pages_fit_a_360_pixel_phone(cast, new_context):
    for n in range(3):
        SessionFactory(
            mentorship=cast.mentorship_a,
            author=cast.mentor_a,
            started_at=timezone.now() - timedelta(days=10 * n + 1),
        )
    InvitationFactory(organisation=cast.org_a, email="a.rather.long.address@example.org")
    for role, paths in KEY_PAGES.items():
        page = new_context(cast.person(role), viewport=PHONE).new_page()
        for path in paths:
            visit(page, path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{role} {path}: {width} px wide"
            header = page.locator("header").bounding_box()
            assert header["height"] <= 120, f"{role} {path}: header {header['height']} px"
        if role == "lead":
            page.goto("/dashboard/")
            smallest = page.evaluate(
                "Math.min(...[...document.querySelectorAll('svg.chart text')]"
                ".map(t => t.getBoundingClientRect().height))"
            )
            assert smallest >= 12, f"chart labels render {smallest} px high"


def test_the_leads_navigation_fits_one_line_at_1280_pixels(cast, new_context):
    page = new_context(cast.lead).new_page()
    visit(page, "/")
    links = page.locator("header .portal-nav-items .nav-link")
    assert links.count() == 9  # the lead's whole navigation, Projects and Admin included
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, f"the navigation wraps onto {len(tops)} lines"
    assert page.locator("header").bounding_box()["height"] < 70  # the account on it too
