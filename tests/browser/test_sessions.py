"""Browser journeys for mentoring sessions: logging, reading, ticking off, concurrent edits."""

import re

from mentoring.models import ActionItem, Session
from tests.browser.conftest import axe_check, visit
from tests.factories import ActionItemFactory, GoalFactory, SessionFactory

PRIVATE = "PRIVATE-NOTE"


def _page(new_context, user, **options):
    """A page for `user`; patient, since CI machines can be slow."""
    context = new_context(user, **options)
    context.set_default_timeout(30_000)
    return context.new_page()


def _log_a_session(page, cast, *, summary: str):
    visit(page, f"/mentoring/{cast.mentorship_a.pk}/")
    page.get_by_role("link", name="Log a session").click()
    page.wait_for_url("**/sessions/new/")
    axe_check(page)
    page.locator("#id_date").fill("2026-03-10")
    page.get_by_label("Start time").fill("14:30")
    page.get_by_label("Duration (minutes)").fill("75")
    page.get_by_label("Amal Member").check()
    page.get_by_label("Shared summary").fill(summary)
    page.get_by_label("Private mentor notes").fill(f"{PRIVATE} the director hesitates.")
    page.locator("#id_items-0-text").fill("Send the draft pact to the ministry")
    page.locator("#id_items-0-due_date").fill("2026-03-20")
    page.locator("#id_items-1-text").fill("Share two examples from Colombia")
    page.locator("#id_items-1-owner").select_option(label="The mentor")
    page.get_by_role("button", name="Log the session").click()
    page.wait_for_url(re.compile(r".*/mentoring/sessions/\d+/$"))
    axe_check(page)


def test_mentor_logs_a_session_the_french_member_ticks_an_item_and_the_mentor_sees_it(
    cast, new_context
):
    cast.member_a.language = "fr"
    cast.member_a.save()
    mentor = _page(new_context, cast.mentor_a)
    _log_a_session(mentor, cast, summary="We drafted the **integrity pact**.")
    assert mentor.locator("li", has_text="Send the draft pact to the ministry").count() == 1
    assert PRIVATE in mentor.content()
    session = Session.objects.get()
    assert session.action_items.count() == 2

    member = _page(new_context, cast.member_a)
    visit(member, session.get_absolute_url())
    assert member.locator("html").get_attribute("lang") == "fr"
    assert member.locator(".prose strong").first.inner_text() == "integrity pact"
    assert PRIVATE not in member.content()
    item = session.action_items.get(text="Send the draft pact to the ministry")
    row = member.locator(f"#action-item-{item.pk}")
    row.locator("button[type=submit]").click()
    member.locator(f"#action-item-{item.pk} s").wait_for()  # htmx swapped the row in place
    axe_check(member)
    item.refresh_from_db()
    assert item.done_by == cast.member_a

    visit(mentor, session.get_absolute_url())
    done_row = mentor.locator(f"#action-item-{item.pk}")
    assert done_row.locator(".badge", has_text="Done").count() == 1
    assert mentor.locator(f"#action-item-{item.pk} s").inner_text() == item.text


def test_two_browsers_edit_the_same_log_and_the_second_is_told(cast, new_context):
    cast.mentorship_a.mentors.add(cast.mentor_b)
    session = SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, summary="First draft"
    )
    ActionItemFactory(session=session, text="Existing item")
    first = _page(new_context, cast.mentor_a)
    second = _page(new_context, cast.mentor_b)
    url = f"/mentoring/sessions/{session.pk}/edit/"
    visit(first, url)
    visit(second, url)
    first.get_by_label("Shared summary").fill("Mona's version")
    first.get_by_role("button", name="Save the log").click()
    first.wait_for_url(f"**/mentoring/sessions/{session.pk}/")

    second.get_by_label("Shared summary").fill("Max's version")
    second.get_by_role("button", name="Save the log").click()
    second.get_by_text("Your changes were not saved").wait_for()
    axe_check(second)
    conflict = second.locator("#conflict")
    assert "Mona's version" in conflict.inner_text()
    assert "Mona Mentor" in conflict.inner_text()
    assert second.get_by_label("Shared summary").input_value() == "Max's version"
    session.refresh_from_db()
    assert session.summary == "Mona's version"
    assert list(session.action_items.values_list("text", flat=True)) == ["Existing item"]


def test_without_javascript_a_mentor_logs_and_a_member_ticks_off(cast, new_context):
    mentor = _page(new_context, cast.mentor_a, javascript=False)
    _log_a_session(mentor, cast, summary="Offline-friendly summary")
    session = Session.objects.get()
    item = session.action_items.order_by("pk").first()

    member = _page(new_context, cast.member_a, javascript=False)
    visit(member, "/mentoring/action-items/")
    member.locator(f"#action-item-{item.pk} button[type=submit]").click()
    member.wait_for_url("**/mentoring/action-items/")
    axe_check(member)
    assert member.locator(f"#action-item-{item.pk}").count() == 0  # open items only
    item.refresh_from_db()
    assert item.done_at is not None
    assert ActionItem.objects.filter(done_at__isnull=True).count() == 1


def test_bad_input_is_explained_in_the_form(cast, new_context):
    page = _page(new_context, cast.mentor_a)
    visit(page, f"/mentoring/{cast.mentorship_a.pk}/sessions/new/")
    page.locator("#id_date").fill("2026-03-10")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Duration (minutes)").fill("800")
    page.get_by_role("button", name="Log the session").click()
    page.get_by_text("A session lasts at most 12 hours").wait_for()
    axe_check(page)
    assert not Session.all_objects.exists()


def test_every_mentoring_page_passes_the_accessibility_check(cast, new_context):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(session=session, due_date=session.started_at.date())
    goal = GoalFactory(mentorship=cast.mentorship_a)
    trashed = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    Session.objects.filter(pk=trashed.pk).update(deleted_at=trashed.started_at)
    ms = cast.mentorship_a.pk
    pages = {
        cast.lead: [
            "/mentoring/",
            "/mentoring/new/",
            f"/mentoring/{ms}/edit/",
            "/mentoring/sessions/trash/",
            "/mentoring/sessions/?date_from=2026-02-01&date_to=2026-01-01",
        ],
        cast.mentor_a: [
            f"/mentoring/{ms}/",
            f"/mentoring/sessions/{session.pk}/edit/",
            f"/mentoring/sessions/{session.pk}/delete/",
            "/mentoring/sessions/print/",
            f"/mentoring/{ms}/check-ins/start/",
            "/",
        ],
        cast.member_a: [
            "/mentoring/sessions/",
            "/mentoring/action-items/?show=all",
            f"/mentoring/{ms}/goals/new/",
            f"/mentoring/goals/{goal.pk}/edit/",
            f"/mentoring/sessions/{session.pk}/",
            f"/organisations/{cast.org_a.slug}/",
        ],
    }
    for person, paths in pages.items():
        page = _page(new_context, person)
        for path in paths:
            visit(page, path)
