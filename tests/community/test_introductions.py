"""Introductions: asking, answering, contacts, e-mails, lead introductions, counts."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Introduction
from mentoring.models import AuditEntry

from ..factories import MembershipFactory
from .factories import IntroductionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """E-mails are queued on commit: `with sending(): ...` runs them when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def admin_b(cast):
    return MembershipFactory(
        organisation=cast.org_b,
        is_admin=True,
        user__full_name="Bea Admin",
        user__email="admin.b@example.org",
    ).user


def _ask(client, cast, **data):
    payload = {"from_organisation": cast.org_a.pk, "contact": cast.member_a.pk, "note": "Hello"}
    payload.update(data)
    return client.post(reverse("community:introduction_request", args=[cast.org_b.slug]), payload)


def test_a_member_asks_and_the_other_sides_admins_get_an_email(cast, client_for, admin_b, sending):
    with sending():
        response = _ask(client_for("member_a"), cast, note="Same partner in Abidjan")
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert introduction.status == Introduction.Status.PENDING
    assert [m.to for m in mail.outbox] == [["admin.b@example.org"]]
    assert "Same partner in Abidjan" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="introduction.request").exists()


def test_an_introduction_to_ones_own_organisation_is_refused(cast, client_for):
    url = reverse("community:introduction_request", args=[cast.org_a.slug])
    response = client_for("member_a").post(
        url, {"from_organisation": cast.org_a.pk, "contact": cast.member_a.pk}
    )
    assert response.status_code == 403
    assert not Introduction.objects.exists()


def test_a_second_pending_request_is_refused_with_a_message(cast, client_for, admin_b):
    _ask(client_for("member_a"), cast)
    response = _ask(client_for("admin_a"), cast)
    assert response.status_code == 200
    assert "already waiting" in str(response.context["form"].errors)
    assert Introduction.objects.count() == 1


def test_the_contact_must_belong_to_the_asking_organisation(cast, client_for):
    response = _ask(client_for("member_a"), cast, contact=cast.member_b.pk)
    assert response.status_code == 200 and "contact" in response.context["form"].errors
    assert not Introduction.objects.exists()


def test_only_an_admin_of_the_asked_side_answers(cast, client_for, admin_b):
    introduction = IntroductionFactory(
        from_organisation=cast.org_a, to_organisation=cast.org_b, from_contact=cast.member_a
    )
    url = reverse("community:introduction_answer", args=[introduction.pk])
    for who in ["member_b", "admin_a", "member_a", "mentor_b", "lead"]:
        response = client_for(who).post(url, {"accept": "1", "contact": cast.member_b.pk})
        assert response.status_code == 403, who
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.PENDING


def test_on_acceptance_both_sides_see_and_get_each_others_contact(cast, client, admin_b, sending):
    introduction = IntroductionFactory(
        from_organisation=cast.org_a, to_organisation=cast.org_b, from_contact=cast.member_a
    )
    detail = reverse("community:introduction_detail", args=[introduction.pk])
    client.force_login(cast.member_a)
    assert "admin.b@example.org" not in client.get(detail).content.decode()
    client.force_login(admin_b)
    with sending():
        response = client.post(
            reverse("community:introduction_answer", args=[introduction.pk]),
            {"accept": "1", "contact": admin_b.pk},
        )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.ACCEPTED
    assert introduction.to_contact == admin_b and introduction.decided_by == admin_b
    client.force_login(cast.member_a)
    assert "admin.b@example.org" in client.get(detail).content.decode()
    client.force_login(admin_b)
    assert "member.a@example.org" in client.get(detail).content.decode()
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert "admin.b@example.org" in by_recipient["member.a@example.org"]
    assert "member.a@example.org" in by_recipient["admin.b@example.org"]


def test_accepting_needs_a_contact_and_declining_does_not(cast, client, admin_b):
    introduction = IntroductionFactory(from_organisation=cast.org_a, to_organisation=cast.org_b)
    client.force_login(admin_b)
    url = reverse("community:introduction_answer", args=[introduction.pk])
    response = client.post(url, {"accept": "1", "contact": ""})
    assert response.status_code == 200 and "contact" in response.context["form"].errors
    assert client.post(url, {"decline": "1"}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.DECLINED
    assert client.post(url, {"accept": "1", "contact": admin_b.pk}).status_code == 403


def test_a_lead_introduces_two_organisations(cast, client_for, admin_b, sending):
    with sending():
        response = client_for("lead").post(
            reverse("community:introduction_make"),
            {
                "from_organisation": cast.org_a.pk,
                "from_contact": cast.admin_a.pk,
                "to_organisation": cast.org_b.pk,
                "to_contact": admin_b.pk,
                "note": "You both run integrity pacts.",
            },
        )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.status == Introduction.Status.ACCEPTED and introduction.introduced_by_lead
    assert sorted(m.to[0] for m in mail.outbox) == ["admin.a@example.org", "admin.b@example.org"]


def test_a_lead_cannot_introduce_an_organisation_to_itself(cast, client_for):
    response = client_for("lead").post(
        reverse("community:introduction_make"),
        {
            "from_organisation": cast.org_a.pk,
            "from_contact": cast.admin_a.pk,
            "to_organisation": cast.org_a.pk,
            "to_contact": cast.member_a.pk,
        },
    )
    assert response.status_code == 200 and "to_organisation" in response.context["form"].errors
    assert not Introduction.objects.exists()


def test_lists_per_side(cast, client_for):
    IntroductionFactory(from_organisation=cast.org_a, to_organisation=cast.org_b)
    page = client_for("member_b").get(reverse("community:introduction_list"))
    received, asked = page.context["sections"]
    assert len(received[1].object_list) == 1 and len(asked[1].object_list) == 0
    page = client_for("member_a").get(reverse("community:introduction_list"))
    received, asked = page.context["sections"]
    assert len(received[1].object_list) == 0 and len(asked[1].object_list) == 1


def test_introductions_made_count_in_the_funder_report_and_the_year_in_review(cast, client_for):
    from django.utils import timezone

    now = timezone.now()
    IntroductionFactory(
        from_organisation=cast.org_a,
        to_organisation=cast.org_b,
        status=Introduction.Status.ACCEPTED,
        decided_at=now,
    )
    IntroductionFactory(from_organisation=cast.org_b, to_organisation=cast.org_a)  # pending
    client = client_for("lead")
    report = client.get(reverse("portal:funder_report"), {"period": "year"})
    rows = dict(report.context["report"].summary_rows())
    assert rows["Introductions made"] == 1
    review = client.get(reverse("portal:year_review", args=[now.year]))
    assert review.context["introductions_made"] == 1
    last_year = client.get(reverse("portal:year_review", args=[date.today().year - 1]))
    assert last_year.context["introductions_made"] == 0
