"""Every mentoring URL, walked by every member of the cast.

Anonymous visitors go to the login page; outsiders get 404; people who may see the object but
not act on it get 403.
"""

import pytest
from django.urls import reverse

from mentoring.models import CheckIn, Mentorship
from tests.factories import ActionItemFactory, GoalFactory, SessionFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"
ROLES = ["lead", "mentor_a", "mentor_b", "admin_a", "member_a", "member_b", "anonymous"]


def _status(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def expect(**overrides):
    base = dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}
    return base | overrides


EVERYONE = expect()
INSIDERS_OF_A = expect(mentor_b=404, member_b=404)
MENTOR_A_ONLY = expect(lead=403, admin_a=403, member_a=403, mentor_b=404, member_b=404)
LEAD_ONLY = expect(mentor_a=403, mentor_b=403, admin_a=403, member_a=403, member_b=403)
LEAD_ONLY_OF_A = expect(mentor_a=403, admin_a=403, member_a=403, mentor_b=404, member_b=404)
ANSWERERS_OF_A = expect(lead=403, mentor_b=404, member_b=404)


def _urls(cast):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    item = ActionItemFactory(session=session)
    goal = GoalFactory(mentorship=cast.mentorship_a)
    trashed = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    trashed.deleted_at = trashed.started_at
    trashed.save()
    ms = cast.mentorship_a.pk
    return [
        ("get", reverse("mentoring:mentorship_list"), EVERYONE),
        ("get", reverse("mentoring:mentorship_create"), LEAD_ONLY),
        ("get", reverse("mentoring:mentorship_detail", args=[ms]), INSIDERS_OF_A),
        ("get", reverse("mentoring:mentorship_edit", args=[ms]), LEAD_ONLY_OF_A),
        ("get", reverse("mentoring:goal_create", args=[ms]), INSIDERS_OF_A),
        ("get", reverse("mentoring:goal_edit", args=[goal.pk]), INSIDERS_OF_A),
        ("get", reverse("mentoring:check_in", args=[ms, "start"]), ANSWERERS_OF_A),
        (
            "get",
            reverse("mentoring:check_in", args=[ms, "nonsense"]),
            expect(**dict.fromkeys(ROLES[:-1], 404)),
        ),
        ("get", reverse("mentoring:session_create", args=[ms]), MENTOR_A_ONLY),
        ("get", reverse("mentoring:session_list"), EVERYONE),
        ("get", reverse("mentoring:session_export"), EVERYONE),
        ("get", reverse("mentoring:session_print"), EVERYONE),
        ("get", reverse("mentoring:session_trash"), LEAD_ONLY),
        ("get", reverse("mentoring:session_detail", args=[session.pk]), INSIDERS_OF_A),
        ("get", reverse("mentoring:session_edit", args=[session.pk]), MENTOR_A_ONLY),
        (
            "get",
            reverse("mentoring:session_delete", args=[session.pk]),
            expect(admin_a=403, member_a=403, mentor_b=404, member_b=404),
        ),
        (
            "get",
            reverse("mentoring:session_detail", args=[trashed.pk]),
            expect(**dict.fromkeys(ROLES[:-1], 404)),
        ),
        (
            "post",
            reverse("mentoring:session_restore", args=[trashed.pk]),
            expect(lead=302, mentor_a=403, mentor_b=403, admin_a=403, member_a=403, member_b=403),
        ),
        ("get", reverse("mentoring:action_item_list"), EVERYONE),
        (
            "post",
            reverse("mentoring:action_item_toggle", args=[item.pk]),
            expect(lead=302, mentor_a=302, admin_a=302, member_a=302, mentor_b=404, member_b=404),
        ),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_mentoring_url_answers_each_role_as_designed(cast, client_for, role):
    client = client_for(role)
    failures = []
    for method, url, expected in _urls(cast):
        got = _status(getattr(client, method)(url))
        if got != expected[role]:
            failures.append(f"{method.upper()} {url}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["mentor_a", "admin_a", "member_a", "member_b", "mentor_b"])
def test_nobody_but_a_lead_creates_or_closes_a_mentorship(cast, client_for, role):
    client = client_for(role)
    response = client.post(
        reverse("mentoring:mentorship_create"),
        {"organisation": cast.org_a.pk, "mentors": [cast.mentor_a.pk], "start_date": "2026-01-01"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("mentoring:mentorship_edit", args=[cast.mentorship_a.pk]),
        {"status": "closed", "closing_summary": "x", "start_date": "2026-01-01"},
    )
    assert response.status_code in {403, 404}
    cast.mentorship_a.refresh_from_db()
    assert cast.mentorship_a.status == Mentorship.Status.ACTIVE


def test_a_mentor_of_another_organisation_cannot_write_into_it(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    client = client_for("mentor_b")
    assert client.post(reverse("mentoring:session_edit", args=[session.pk])).status_code == 404
    assert client.post(reverse("mentoring:session_delete", args=[session.pk])).status_code == 404
    assert (
        client.post(reverse("mentoring:session_create", args=[cast.mentorship_a.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("mentoring:check_in", args=[cast.mentorship_a.pk, "start"]),
            {"usefulness": 5, "progress": 5},
        ).status_code
        == 404
    )
    assert not CheckIn.objects.exists()


def test_a_mentor_cannot_log_into_a_closed_mentorship(cast, client_for):
    """Once closed, the mentorship is no longer theirs to open (see test_former_mentors)."""
    cast.mentorship_a.status = Mentorship.Status.CLOSED
    cast.mentorship_a.save()
    response = client_for("mentor_a").get(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk])
    )
    assert response.status_code == 404
