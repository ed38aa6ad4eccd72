"""The shared cast: every permission test speaks of these people.

- lead: a programme lead
- mentor_a / mentor_b: mentors of organisation A / B
- admin_a: an admin of organisation A; member_a: a plain member of A; member_b: a member of B
- anonymous: nobody signed in (the plain `client`)
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from mentoring.models import Mentorship, Organisation
from mentoring.roles import Role
from portal.models import User

from .factories import MembershipFactory, MentorshipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open(monkeypatch):
    """Closing a streamed response (a download) fires request_finished, whose
    close_old_connections closes a connection that is inside the test's transaction (harmless
    on in-memory SQLite, fatal on PostgreSQL). Django's test client disconnects that receiver
    only around its own calls, so tests keep it disconnected throughout."""
    import django.test.client
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    monkeypatch.setattr(django.test.client, "close_old_connections", lambda **kwargs: None)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@dataclass
class Cast:
    org_a: Organisation
    org_b: Organisation
    lead: User
    mentor_a: User
    mentor_b: User
    admin_a: User
    member_a: User
    member_b: User
    mentorship_a: Mentorship
    mentorship_b: Mentorship

    def person(self, name: str):
        return None if name == "anonymous" else getattr(self, name)


def make_cast() -> Cast:
    """The cast's rows, for the `cast` fixture and for the permission matrix's world."""
    org_a = OrganisationFactory.create(
        name="Alliance A", acronym="AA", slug="alliance-a", country="TG"
    )
    org_b = OrganisationFactory.create(
        name="Bureau B", acronym="BB", slug="bureau-b", country="LK", timezone="Asia/Colombo"
    )
    lead = UserFactory.create(role=Role.LEAD, full_name="Lena Lead", email="lead@example.org")
    mentor_a = UserFactory.create(
        role=Role.MENTOR, full_name="Mona Mentor", email="mentor.a@example.org"
    )
    mentor_b = UserFactory.create(
        role=Role.MENTOR, full_name="Max Mentor", email="mentor.b@example.org"
    )
    admin_a = MembershipFactory.create(
        organisation=org_a,
        is_admin=True,
        user__full_name="Ada Admin",
        user__email="admin.a@example.org",
    ).user
    member_a = MembershipFactory.create(
        organisation=org_a, user__full_name="Amal Member", user__email="member.a@example.org"
    ).user
    member_b = MembershipFactory.create(
        organisation=org_b, user__full_name="Bo Member", user__email="member.b@example.org"
    ).user
    mentorship_a = MentorshipFactory.create(organisation=org_a, mentors=[mentor_a])
    mentorship_b = MentorshipFactory.create(organisation=org_b, mentors=[mentor_b])
    return Cast(
        org_a,
        org_b,
        lead,
        mentor_a,
        mentor_b,
        admin_a,
        member_a,
        member_b,
        mentorship_a,
        mentorship_b,
    )


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def client_for(cast):
    """client_for("member_a") -> a Django test client signed in as that person."""

    def make(name: str) -> Client:
        client = Client()
        person = cast.person(name)
        if person is not None:
            client.force_login(person)
        return client

    return make
