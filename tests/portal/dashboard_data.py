"""A hand-built programme for the dashboard and report tests: known counts, known hours."""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from documents.models import Document, Share
from mentoring.models import CheckIn, Meeting, Organisation
from mentoring.roles import Role
from portal.models import Invitation
from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    CohortFactory,
    DocumentFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    MentorshipFactory,
    OrganisationFactory,
    SessionFactory,
    ShareFactory,
    UserFactory,
)

# The period every test asks for: March and April 2025 (custom dates).
PERIOD = {"period": "custom", "start": "2025-03-01", "end": "2025-04-30"}


def at(*args) -> datetime:
    return datetime(*args).replace(tzinfo=UTC)


def programme(n: int, *, cohort_year: int = 2024, prefix: str = "org") -> list[Organisation]:
    """`n` active organisations in one cohort, each with, inside the period: a mentorship
    (one mentor), two sessions of 90 minutes, one action item done and one overdue, one
    document added and shared, attendance at one community meeting, two check-in answers;
    plus one pending invitation older than a week. Query counts must not depend on `n`."""
    cohort = CohortFactory(year=cohort_year, name=f"Cohort {prefix}")
    meeting = MeetingFactory(
        title=f"Quarterly {prefix}",
        starts_at=at(2025, 3, 20, 14),
        ends_at=at(2025, 3, 20, 16),
        audience=Meeting.Audience.COHORTS,
        cohorts=[cohort],
    )
    organisations = []
    for i in range(n):
        org = OrganisationFactory.create(
            name=f"{prefix} {i}", slug=f"{prefix}-{i}", cohort=cohort, country="MW"
        )
        mentor = UserFactory(role=Role.MENTOR)
        member = MembershipFactory(organisation=org).user
        mentorship = MentorshipFactory(
            organisation=org, mentors=[mentor], start_date=date(2024, 6, 1)
        )
        for day in (5, 25):
            session = SessionFactory(
                mentorship=mentorship,
                author=mentor,
                started_at=at(2025, 3, day, 10),
                duration_minutes=90,
                summary=f"Summary {prefix} {i} {day}",
            )
        ActionItemFactory(session=session, done_at=at(2025, 4, 2, 9))
        ActionItemFactory(session=session, due_date=date(2025, 4, 1))
        document = DocumentFactory.create(organisation=org, created_by=member)
        Document.objects.filter(pk=document.pk).update(created_at=at(2025, 4, 3, 9))
        share = ShareFactory.create(
            document=document, organisation=OrganisationFactory(cohort=None, status="applicant")
        )
        Share.objects.filter(pk=share.pk).update(shared_at=at(2025, 4, 4, 9))
        MeetingAttendanceFactory(meeting=meeting, user=member, organisation=org)
        for side in ("organisation", "mentor"):
            check_in = CheckInFactory.create(mentorship=mentorship, stage="start", side=side)
            CheckIn.objects.filter(pk=check_in.pk).update(answered_at=at(2025, 3, 10, 9))
        organisations.append(org)
    Invitation.objects.create(
        email=f"{prefix}@example.org",
        role=Role.MENTOR,
        token_hash=f"{prefix:0>64}"[:64],
        expires_at=timezone.now() + timedelta(days=3),
    )
    Invitation.objects.filter(email=f"{prefix}@example.org").update(
        created_at=timezone.now() - timedelta(days=10)
    )
    return organisations
