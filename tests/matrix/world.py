"""The objects the matrix's rows point at, built once for the whole matrix.

`world` is a module-scoped fixture: the rows are written inside one outer transaction that is
rolled back when the matrix module ends, and every test runs in a savepoint of its own (the
`db` fixture), so a POST that succeeds in one test is gone in the next.
"""

from __future__ import annotations

import contextlib
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client, override_settings

from community.models import Project
from documents import services as document_services
from documents import storage as document_storage
from documents.validation import inspect_upload
from intake.models import NewsletterIssue
from mentoring.models import Meeting, Organisation

from ..community.factories import IntroductionFactory, PartnerFactory, ProjectFactory
from ..conftest import Cast, make_cast
from ..documents.helpers import pdf, png
from ..factories import (
    ActionItemFactory,
    ApplicationFactory,
    CallFactory,
    GoalFactory,
    InvitationFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
)
from ..images import png_upload
from ..permissions import ROLES


@dataclass
class World:
    cast: Cast
    deactivated: Any
    applicant: Any
    invitation: Any
    session: Any
    trashed_session: Any
    item: Any
    goal: Any
    restricted_meeting: Any
    community_meeting: Any
    docs: dict[str, Any]
    attachment: Any
    year: int
    community: dict[str, Any]  # community: partners, projects, organisation C, introductions
    intake: dict[str, Any]  # intake: a call, a confirmed application, a newsletter draft
    clients: dict[str, Client] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # The cast's people and organisations read as the world's own: w.org_a, w.mentor_a.
        if name == "cast":
            raise AttributeError(name)
        return getattr(self.cast, name)

    def person(self, role: str) -> Any:
        if role == "deactivated":
            return self.deactivated
        return self.cast.person(role)

    def client(self, role: str) -> Client:
        if role not in self.clients:
            client = Client()
            if (person := self.person(role)) is not None:
                client.force_login(person)
            self.clients[role] = client
        return self.clients[role]


def _upload(actor, organisation, *files):
    return document_services.documents_upload(
        organisation=organisation, actor=actor, files=[inspect_upload(f) for f in files]
    )


def build_world() -> World:
    cast = make_cast()
    deactivated = MembershipFactory(
        organisation=cast.org_a,
        user__full_name="Dara Departed",
        user__email="departed.a@example.org",
        user__is_active=False,
    ).user
    applicant = OrganisationFactory(
        slug="applicant-c", name="Candidate C", status=Organisation.Status.APPLICANT
    )
    invitation = InvitationFactory(organisation=cast.org_a)
    cast.member_a.avatar.save("a.png", png_upload(), save=True)
    cast.org_a.logo.save("l.png", png_upload(), save=True)

    session = SessionFactory.create(
        mentorship=cast.mentorship_a, author=cast.mentor_a, summary="We drafted the pact."
    )
    trashed_session = SessionFactory.create(mentorship=cast.mentorship_a, author=cast.mentor_a)
    trashed_session.deleted_at = trashed_session.started_at
    trashed_session.save()
    item = ActionItemFactory(session=session)
    goal = GoalFactory(mentorship=cast.mentorship_a)

    restricted = MeetingFactory.create(
        title="Alliance A only", audience=Meeting.Audience.ORGANISATIONS, organisations=[cast.org_a]
    )
    community = MeetingFactory(title="Everyone")

    doc_a = _upload(cast.admin_a, cast.org_a, pdf("a.pdf"))[0]
    picture = _upload(cast.admin_a, cast.org_a, png("a.png"))[0]
    shared = _upload(cast.admin_a, cast.org_a, pdf("shared.pdf"))[0]
    document_services.document_share(
        document=shared, actor=cast.admin_a, organisations=[cast.org_b]
    )
    library = _upload(cast.lead, None, pdf("library.pdf"))[0]
    trashed = _upload(cast.admin_a, cast.org_a, pdf("old.pdf"))[0]
    document_services.document_trash(document=trashed, actor=cast.admin_a)
    attachment = document_services.attachment_add(
        document=doc_a, target=session, actor=cast.mentor_a
    )
    return World(
        cast=cast,
        community=_community(cast),
        intake=_intake(),
        deactivated=deactivated,
        applicant=applicant,
        invitation=invitation,
        session=session,
        trashed_session=trashed_session,
        item=item,
        goal=goal,
        restricted_meeting=restricted,
        community_meeting=community,
        docs={"a": doc_a, "picture": picture, "shared": shared, "library": library}
        | {"trashed": trashed},
        attachment=attachment,
        year=session.started_at.year,
    )


def _community(cast: Cast) -> dict[str, Any]:
    partner = PartnerFactory(name="Shared Chamber")
    secret_partner = PartnerFactory(name="Secret Partner")
    trashed = typing.cast(Project, ProjectFactory(organisation=cast.org_a))
    Project.objects.filter(pk=trashed.pk).update(deleted_at=trashed.created_at)
    org_c = OrganisationFactory(slug="org-c", status=Organisation.Status.ACTIVE)
    return {
        "partner": partner,
        "secret_partner": secret_partner,
        "project": ProjectFactory(organisation=cast.org_a, partners=[partner]),
        "secret": ProjectFactory(
            organisation=cast.org_a, is_confidential=True, partners=[secret_partner]
        ),
        "trashed": trashed,
        "org_c": org_c,
        "a_to_b": IntroductionFactory(from_organisation=cast.org_a, to_organisation=cast.org_b),
        "a_to_c": IntroductionFactory(from_organisation=cast.org_a, to_organisation=org_c),
        "b_to_a": IntroductionFactory(from_organisation=cast.org_b, to_organisation=cast.org_a),
    }


def _intake() -> dict[str, Any]:
    call = CallFactory()
    key = document_storage.get_storage().save("intake/matrix.png", png_upload())
    application = ApplicationFactory(
        call=call,
        organisation_name="Matrix Applicant",
        attachment_key=key,
        attachment_name="matrix.png",
        attachment_type="image/png",
    )
    issue = NewsletterIssue.objects.create(title="Q", subject_en="S", body_en="B")
    return {"call": call, "application": application, "issue": issue}


@contextlib.contextmanager
def world_in_a_transaction(documents_root: Path) -> Iterator[World]:
    """Build the world inside a transaction that is rolled back afterwards."""
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "documents.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": documents_root},
        },
    }
    with override_settings(STORAGES=storages), transaction.atomic():
        world = build_world()
        for role in ROLES:
            world.client(role)
        yield world
        transaction.set_rollback(True)
