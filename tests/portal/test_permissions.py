"""portal/permissions.py: invitations, the organisations one may invite to, the leads' pages."""

from django.contrib.auth.models import AnonymousUser

from portal import permissions

from ..factories import InvitationFactory, OrganisationFactory


def test_invitations_visible_to_each_role(cast):
    to_a = InvitationFactory(organisation=cast.org_a)
    to_b = InvitationFactory(organisation=cast.org_b)
    mentor = InvitationFactory(organisation=None, role="mentor")
    assert set(permissions.invitations_visible_to(cast.lead)) == {to_a, to_b, mentor}
    assert set(permissions.invitations_visible_to(cast.admin_a)) == {to_a}
    for name in ("member_a", "mentor_a", "member_b"):
        assert not permissions.invitations_visible_to(cast.person(name)).exists()
    assert not permissions.invitations_visible_to(AnonymousUser()).exists()


def test_organisations_one_may_invite_to(cast):
    applicant = OrganisationFactory(status="applicant")
    assert set(permissions.invitable_organisations(cast.lead)) >= {
        cast.org_a,
        cast.org_b,
        applicant,
    }
    assert list(permissions.invitable_organisations(cast.admin_a)) == [cast.org_a]
    assert not permissions.invitable_organisations(cast.member_a).exists()
    assert not permissions.invitable_organisations(cast.mentor_a).exists()


def test_dashboard_for_leads_and_timeline_for_insiders(cast):
    assert permissions.can_see_dashboard(cast.lead)
    for name in ("mentor_a", "admin_a", "member_a", "member_b"):
        assert not permissions.can_see_dashboard(cast.person(name))
    assert not permissions.can_see_dashboard(AnonymousUser())
    for name in ("lead", "mentor_a", "admin_a", "member_a"):
        assert permissions.can_see_timeline(cast.person(name), cast.org_a)
    for name in ("mentor_b", "member_b"):
        assert not permissions.can_see_timeline(cast.person(name), cast.org_a)


def test_an_admin_cannot_preselect_another_organisation_for_an_invitation(cast, client_for):
    from django.urls import reverse

    url = reverse("portal:invitation_create")
    form = client_for("admin_a").get(url, {"organisation": cast.org_b.slug}).context["form"]
    assert form.initial.get("organisation") is None
    form = client_for("admin_a").get(url, {"organisation": cast.org_a.slug}).context["form"]
    assert form.initial["organisation"] == cast.org_a
