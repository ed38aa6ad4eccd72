"""Session logs: writing them, reading them per role, bad input, concurrency, trash."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentoring.models import ActionItem, AuditEntry, Session
from tests.factories import (
    ActionItemFactory,
    GoalFactory,
    MembershipFactory,
    SessionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PRIVATE = "PRIVATE-NOTE"


def payload(cast, **data) -> dict:
    """A valid session form, with two action items and one empty row."""
    base = {
        "date": "2026-03-10",
        "start_time": "14:30",
        "duration_minutes": "90",
        "format": "online",
        "location": "https://meet.example/abc",
        "attendees": [cast.member_a.pk],
        "summary": "We drafted the **integrity pact**.",
        "private_notes": f"{PRIVATE} the board is split.",
        "next_date": "",
        "next_time": "",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-text": "Send the draft pact to the ministry",
        "items-0-owner": "organisation",
        "items-0-due_date": "2026-03-20",
        "items-1-text": "Share two examples from Colombia",
        "items-1-owner": f"mentor-{cast.mentor_a.pk}",
        "items-1-due_date": "",
        "items-2-text": "",
        "items-2-owner": "organisation",
    }
    base.update(data)
    return base


@pytest.fixture
def french_member(cast):
    person = cast.member_a
    person.language = "fr"
    person.timezone = "Africa/Lome"
    person.save()
    return person


def test_mentor_logs_a_session_with_two_action_items(
    cast, client_for, french_member, django_capture_on_commit_callbacks
):
    cast.mentor_a.timezone = "Europe/Zurich"
    cast.mentor_a.save()
    topic = TopicFactory(name="Integrity pact")
    goal = GoalFactory(mentorship=cast.mentorship_a)
    url = reverse("mentoring:session_create", args=[cast.mentorship_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("mentor_a").post(
            url, payload(cast, topics=[topic.pk], goals=[goal.pk])
        )
    assert response.status_code == 302
    session = Session.objects.get()
    # 14:30 in Zurich (UTC+1 in March) is 13:30 UTC.
    assert session.started_at == dt.datetime(2026, 3, 10, 13, 30, tzinfo=dt.UTC)
    assert session.author == cast.mentor_a
    assert list(session.attendees.all()) == [cast.member_a]
    assert list(session.topics.all()) == [topic] and list(session.goals.all()) == [goal]
    items = list(session.action_items.all())
    assert [i.text for i in items] == [
        "Send the draft pact to the ministry",
        "Share two examples from Colombia",
    ]
    assert items[1].owner == ActionItem.Owner.MENTOR and items[1].owner_person == cast.mentor_a
    assert AuditEntry.objects.filter(action="session.log", organisation=cast.org_a).exists()

    # Each member of the organisation is told, in their language, without the private notes.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.admin_a.email, cast.member_a.email])
    french = next(m for m in mail.outbox if m.to == [cast.member_a.email])
    assert "10 mars 2026, 13:30" in french.body  # French dates, in Lomé's time
    assert 'lang="fr"' in french.alternatives[0][0]
    assert "Send the draft pact to the ministry" in french.body
    assert "http://" in french.body and f"/mentoring/sessions/{session.pk}/" in french.body
    html = french.alternatives[0][0]
    assert "<strong>integrity pact</strong>" in html
    english = next(m for m in mail.outbox if m.to == [cast.admin_a.email])
    assert "10 Mar 2026" in english.body  # day, month, year: never 03/10
    for message in mail.outbox:
        assert PRIVATE not in message.body
        assert PRIVATE not in message.alternatives[0][0]


def test_the_date_is_read_in_the_mentors_timezone(cast, client_for):
    cast.mentor_a.timezone = "Asia/Colombo"
    cast.mentor_a.save()
    client_for("mentor_a").post(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk]),
        payload(cast, date="2026-01-05", start_time="09:00"),
    )
    started = Session.objects.get().started_at
    assert started == dt.datetime(2026, 1, 5, 3, 30, tzinfo=dt.UTC)


def _future(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "FUTURE"}, "date"),
        ({"duration_minutes": "0"}, "duration_minutes"),
        ({"duration_minutes": "-30"}, "duration_minutes"),
        ({"duration_minutes": "721"}, "duration_minutes"),
        ({"duration_minutes": "lots"}, "duration_minutes"),
        ({"date": "2026-02-30"}, "date"),
        ({"next_date": "2026-03-01", "next_time": "10:00"}, "next_date"),
        ({"location": "javascript:alert(1)"}, "location"),
        ({"attendees": ["OTHER"]}, "attendees"),
        ({"items-0-owner": "OUTSIDER"}, "items"),
        ({"items-0-owner": "member-999999"}, "items"),
        ({"items-0-text": "x" * 301}, "items"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(cast, client_for, change, field):
    data = payload(cast)
    for key, value in change.items():
        if value == "FUTURE":
            value = _future(400)
        if value == ["OTHER"]:
            value = [cast.member_b.pk]
        if value == "OUTSIDER":
            value = f"member-{cast.member_b.pk}"
        data[key] = value
    response = client_for("mentor_a").post(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk]), data
    )
    assert response.status_code == 200
    if field == "items":
        assert any(form.errors for form in response.context["items"].forms)
    else:
        assert field in response.context["form"].errors
    assert not Session.all_objects.exists()
    assert not ActionItem.objects.exists()
    assert "Please correct the errors below." in response.content.decode()


def test_a_session_within_the_year_ahead_is_accepted(cast, client_for):
    response = client_for("mentor_a").post(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk]),
        payload(cast, date=_future(30)),
    )
    assert response.status_code == 302


def test_markdown_with_scripts_and_javascript_links_comes_out_harmless(cast, client_for):
    session = SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        summary="**ok** <script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> [site](https://ok.example)",
    )
    html = client_for("member_a").get(session.get_absolute_url()).content.decode()
    assert "<strong>ok</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert 'href="https://ok.example"' in html


def test_private_notes_never_reach_a_member(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(session=session)
    member = client_for("member_a")
    pages = [
        session.get_absolute_url(),
        reverse("mentoring:session_list"),
        reverse("mentoring:session_list") + "?q=hesitant",
        reverse("mentoring:session_print"),
        reverse("mentoring:session_export"),
        reverse("mentoring:mentorship_detail", args=[cast.mentorship_a.pk]),
        reverse("mentoring:action_item_list"),
        reverse("portal:home"),
        cast.org_a.get_absolute_url(),
        reverse("portal:timeline", args=["alliance-a"]),
    ]
    for url in pages:
        response = member.get(url)
        assert response.status_code == 200, url
        assert "director seems hesitant" not in response.content.decode(), url
        assert PRIVATE not in response.content.decode(), url
    # Search does not match on private notes for a member…
    found = member.get(reverse("mentoring:session_list") + "?q=hesitant")
    assert found.context["totals"]["count"] == 0
    # …and the export has no such column at all.
    assert "Private" not in member.get(reverse("mentoring:session_export")).content.decode()
    # The mentor reads and finds them.
    mentor = client_for("mentor_a")
    assert PRIVATE in mentor.get(session.get_absolute_url()).content.decode()
    found = mentor.get(reverse("mentoring:session_list") + f"?q={PRIVATE}")
    assert found.context["totals"]["count"] == 1
    assert PRIVATE in mentor.get(reverse("mentoring:session_export")).content.decode()
    assert PRIVATE in client_for("lead").get(session.get_absolute_url()).content.decode()


def _edit_payload(cast, session, **data):
    form = payload(cast, version=str(session.version))
    form.update({"items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0"})
    form.update({"items-1-text": "", "items-1-owner": "organisation"})
    form.update(data)
    return form


def test_a_concurrent_edit_is_refused_and_the_other_version_shown(cast, client_for):
    co_mentor = cast.mentor_b
    cast.mentorship_a.mentors.add(co_mentor)
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    url = reverse("mentoring:session_edit", args=[session.pk])
    first = client_for("mentor_a").post(url, _edit_payload(cast, session, summary="Mona's text"))
    assert first.status_code == 302
    second = client_for("mentor_b").post(url, _edit_payload(cast, session, summary="Max's text"))
    assert second.status_code == 200
    html = second.content.decode()
    assert "Your changes were not saved" in html
    assert "Mona&#x27;s text" in html or "Mona's text" in html  # the other version, shown
    assert "Max&#x27;s text" in html or "Max's text" in html  # and their own input kept
    session.refresh_from_db()
    assert session.summary == "Mona's text"
    assert session.version == 2
    # Saving again, now knowingly over version 2, works.
    assert second.context["form"]["version"].value() == "2"
    third = client_for("mentor_b").post(url, _edit_payload(cast, session, summary="Max's text"))
    assert third.status_code == 302
    session.refresh_from_db()
    assert session.summary == "Max's text" and session.version == 3


def test_a_form_without_version_is_refused(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    data = _edit_payload(cast, session, summary="Blind save")
    del data["version"]
    response = client_for("mentor_a").post(
        reverse("mentoring:session_edit", args=[session.pk]), data
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.summary != "Blind save"


def test_editing_keeps_ticks_and_deletes_rows(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    keep = ActionItemFactory(session=session, text="Keep", done_at=timezone.now())
    drop = ActionItemFactory(session=session, text="Drop")
    data = _edit_payload(cast, session)
    data.update(
        {
            "items-TOTAL_FORMS": "3",
            "items-INITIAL_FORMS": "2",
            "items-0-id": str(keep.pk),
            "items-0-text": "Keep",
            "items-0-owner": "organisation",
            "items-0-done": "on",
            "items-1-id": str(drop.pk),
            "items-1-text": "Drop",
            "items-1-owner": "organisation",
            "items-1-DELETE": "on",
            "items-2-text": "",
            "items-2-owner": "organisation",
        }
    )
    response = client_for("mentor_a").post(
        reverse("mentoring:session_edit", args=[session.pk]), data
    )
    assert response.status_code == 302
    assert list(session.action_items.values_list("text", flat=True)) == ["Keep"]
    keep.refresh_from_db()
    assert keep.done_at is not None


def test_trash_and_restore(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    mentor = client_for("mentor_a")
    assert mentor.get(reverse("mentoring:session_delete", args=[session.pk])).status_code == 200
    response = mentor.post(reverse("mentoring:session_delete", args=[session.pk]))
    assert response.status_code == 302
    assert mentor.get(session.get_absolute_url()).status_code == 404
    assert not Session.objects.exists() and Session.all_objects.get().deleted_by == cast.mentor_a
    lead = client_for("lead")
    trash = lead.get(reverse("mentoring:session_trash"))
    assert trash.context["page_obj"].object_list[0] == session
    assert lead.post(reverse("mentoring:session_restore", args=[session.pk])).status_code == 302
    assert mentor.get(session.get_absolute_url()).status_code == 200
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"session.trash", "session.restore"} <= actions


def test_members_and_mentors_tick_action_items(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    item = ActionItemFactory(session=session, text="Publish the report")
    url = reverse("mentoring:action_item_toggle", args=[item.pk])
    response = client_for("member_a").post(url, {"done": "1", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    item.refresh_from_db()
    assert item.done_by == cast.member_a and item.done_at
    html = client_for("mentor_a").get(session.get_absolute_url()).content.decode()
    assert "<s>Publish the report</s>" in html
    # htmx: the row comes back, re-rendered.
    partial = client_for("mentor_a").post(url, {"done": "0"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert partial.content.decode().lstrip().startswith("<li")
    item.refresh_from_db()
    assert item.done_at is None
    # Outsiders are told nothing exists.
    assert client_for("member_b").post(url, {"done": "1"}).status_code == 404
    assert client_for("mentor_b").post(url, {"done": "1"}).status_code == 404


def test_overdue_items_stand_out(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(
        session=session, text="Late", due_date=timezone.localdate() - dt.timedelta(days=3)
    )
    ActionItemFactory(
        session=session, text="Later", due_date=timezone.localdate() + dt.timedelta(days=3)
    )
    response = client_for("member_a").get(reverse("mentoring:action_item_list") + "?show=overdue")
    assert [i.text for i in response.context["page_obj"]] == ["Late"]
    assert "Overdue" in response.content.decode()


def test_session_list_filters_and_totals(cast, client_for):
    topic = TopicFactory(name="Funding")
    zone = zoneinfo.ZoneInfo("UTC")
    march = SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        started_at=dt.datetime(2025, 3, 3, 10, tzinfo=zone),
        duration_minutes=90,
    )
    march.topics.add(topic)
    SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        started_at=dt.datetime(2025, 5, 3, 10, tzinfo=zone),
        duration_minutes=30,
    )
    SessionFactory(mentorship=cast.mentorship_b, author=cast.mentor_b)
    lead = client_for("lead")
    url = reverse("mentoring:session_list")
    assert lead.get(url).context["totals"] == {"count": 3, "hours": 3.0}
    by_org = lead.get(url + "?organisation=alliance-a").context["totals"]
    assert by_org == {"count": 2, "hours": 2.0}
    by_topic = lead.get(url + f"?topic={topic.pk}")
    assert list(by_topic.context["page_obj"]) == [march]
    ranged = lead.get(url + "?date_from=2025-04-01&date_to=2025-06-01").context["totals"]
    assert ranged["count"] == 1
    by_mentor = lead.get(url + f"?mentor={cast.mentor_b.pk}").context["totals"]
    assert by_mentor["count"] == 1
    backwards = lead.get(url + "?date_from=2025-06-01&date_to=2025-01-01")
    assert "date_to" in backwards.context["form"].errors
    # A member only ever sees their organisation's sessions, whatever the filter says.
    member = client_for("member_a").get(url + "?organisation=bureau-b")
    assert member.context["totals"]["count"] == 2


def test_csv_export_defuses_formulas_and_uses_the_viewers_timezone(cast, client_for):
    cast.member_a.timezone = "Asia/Colombo"
    cast.member_a.save()
    SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        started_at=dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC),
        summary='=HYPERLINK("http://evil")',
    )
    response = client_for("member_a").get(reverse("mentoring:session_export"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "2025-03-03 15:30" in body
    assert "Asia/Colombo" in body
    assert "'=HYPERLINK" in body


def test_print_page_lists_the_history(cast, client_for):
    SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a, summary="Printable text")
    response = client_for("admin_a").get(
        reverse("mentoring:session_print") + "?organisation=alliance-a"
    )
    assert "Printable text" in response.content.decode()
    assert PRIVATE not in response.content.decode()


def test_attendee_list_offers_only_the_organisations_people(cast, client_for):
    other = MembershipFactory(organisation=cast.org_b).user
    response = client_for("mentor_a").get(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk])
    )
    choices = list(response.context["form"].fields["attendees"].queryset)
    assert cast.member_a in choices and other not in choices and cast.member_b not in choices


def test_an_action_item_of_another_log_cannot_be_hijacked(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    foreign = ActionItemFactory(
        session=SessionFactory(mentorship=cast.mentorship_b, author=cast.mentor_b),
        text="Bureau B's item",
    )
    data = _edit_payload(cast, session, summary="Changed")
    data.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": str(foreign.pk),
            "items-0-text": "Hijacked",
            "items-0-owner": "organisation",
        }
    )
    response = client_for("mentor_a").post(
        reverse("mentoring:session_edit", args=[session.pk]), data
    )
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    foreign.refresh_from_db()
    session.refresh_from_db()
    assert foreign.text == "Bureau B's item" and foreign.session.mentorship == cast.mentorship_b
    assert session.summary != "Changed" and session.version == 1  # nothing half-saved


def test_a_log_trashed_while_being_edited_is_not_resurrected(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    data = _edit_payload(cast, session, summary="Late edit")
    client_for("lead").post(reverse("mentoring:session_delete", args=[session.pk]))
    response = client_for("mentor_a").post(
        reverse("mentoring:session_edit", args=[session.pk]), data
    )
    assert response.status_code == 404
    assert Session.all_objects.get().summary != "Late edit"


def test_a_new_log_starts_from_how_the_last_session_was_held(cast, client_for):
    SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        duration_minutes=45,
        format="phone",
        location="+228 555 0100",
    ).attendees.set([cast.admin_a])
    form = (
        client_for("mentor_a")
        .get(reverse("mentoring:session_create", args=[cast.mentorship_a.pk]))
        .context["form"]
    )
    assert form["duration_minutes"].value() == 45
    assert form["format"].value() == "phone"
    assert form["location"].value() == "+228 555 0100"
    assert form["attendees"].value() == [cast.admin_a.pk]
    assert form["date"].value() == timezone.localdate()


def test_exports_are_audited(cast, client_for):
    client_for("member_a").get(reverse("mentoring:session_export") + "?organisation=alliance-a")
    entry = AuditEntry.objects.get(action="session.export")
    assert entry.actor == cast.member_a and entry.organisation == cast.org_a
    assert entry.data == {"private_notes": False}


def test_csv_export_for_spreadsheets_follows_the_viewers_language(cast, client_for):
    cast.member_a.language = "fr"
    cast.member_a.save()
    SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a, duration_minutes=45)
    response = client_for("member_a").get(
        reverse("mentoring:session_export"), {"layout": "spreadsheet"}
    )
    assert response["Content-Disposition"].endswith('-spreadsheet.csv"')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    header, row = body[1:].splitlines()[:2]
    assert header.startswith("Début (") and ";Durée (minutes);" in header
    assert ";45;" in row
