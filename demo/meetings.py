"""Demo community meetings: past quarterly meetings with minutes and attendance, the Basel
workshop of July 2022, and an upcoming quarterly meeting with answers.

Called by `seed_demo` (DEBUG only). Idempotent: rows are keyed by fixed UIDs, so running it again
updates them instead of adding new ones. Writes directly (no e-mails, no audit entries).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from mentoring import planner
from mentoring.models import (
    Cohort,
    Meeting,
    MeetingAttendance,
    MeetingResponse,
    Membership,
    Organisation,
)

NAMESPACE = uuid.UUID("5b0f2f8e-6c1e-4c55-9a55-1f0c0ffee005")
SERIES = uuid.uuid5(NAMESPACE, "quarterly-series")
CALL_LINK = "https://meet.example.org/ca-community"

AGENDA = """1. Welcome and round of news from each organisation (2 minutes each)
2. {theme}
3. Peer exchange in small groups
4. What we take home; date of the next meeting"""

THEMES = [
    ("Integrity pacts in public procurement", "TISL and CoST Malawi"),
    ("Working with SMEs on facilitation payments", "FAFPI"),
    ("Consumer voices in Collective Action", "ANCE Togo"),
    ("Measuring what changed: indicators for Collective Action", "CCEAC"),
    ("Beneficial ownership and company registers", "TIM"),
]

MINUTES = """## Present
Organisations of the programme, mentors and the programme team (see attendance).

## {theme}
{presenter} opened with a short case study. Key points:

- start with a small group of committed actors and widen it step by step;
- agree early on how progress will be **measured and published**;
- keep government counterparts informed even when they are not members.

## Peer exchange
Groups discussed their current obstacles. Several organisations asked for template
terms of reference for a Collective Action working group: the programme team will share one.

## Actions
- Programme team: circulate the slides and the template terms of reference.
- Each organisation: send one success story before the next meeting.
"""


def _uid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _thursday_near(day: date) -> date:
    return day + timedelta(days=(3 - day.weekday()) % 7)


def _at(day: date, clock: time, zone: str) -> datetime:
    try:
        return planner.local_to_utc(day, clock, zone)
    except planner.LocalTimeError:
        return planner.local_to_utc(day + timedelta(days=7), clock, zone)


def _meeting(key: str, **fields) -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(uid=_uid(key), defaults=fields)
    return meeting


def seed(*, now: datetime) -> None:
    User = get_user_model()
    lead = User.objects.get(email="lead@demo.example")
    mentor = User.objects.get(email="mentor@demo.example")
    members = list(
        Membership.objects.filter(organisation__status__in=["active", "alumni"])
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    )
    admins = [m for m in members if m.is_admin]

    # Past quarterly meetings: 14:00 in Zurich on a Thursday, which is 08:00 in Toronto and
    # 18:30 (winter) or 17:30 (summer) in Colombo.
    for n, (theme, presenter) in enumerate(THEMES, start=1):
        day = _thursday_near((now - timedelta(days=91 * n)).date())
        start = _at(day, time(14, 0), "Europe/Zurich")
        quarter = (day.month - 1) // 3 + 1
        meeting = _meeting(
            f"quarterly-past-{n}",
            kind=Meeting.Kind.QUARTERLY,
            title=f"Quarterly community meeting, Q{quarter} {day.year}: {theme}",
            agenda=AGENDA.format(theme=f"{theme} ({presenter})"),
            starts_at=start,
            ends_at=start + timedelta(minutes=90),
            timezone="Europe/Zurich",
            audience=Meeting.Audience.COMMUNITY,
            call_link=CALL_LINK,
            minutes=MINUTES.format(theme=theme, presenter=presenter),
            minutes_published_at=start + timedelta(days=2),
            series=SERIES,
            created_by=lead,
        )
        meeting.hosts.set([lead, mentor])
        # Most admins and one member in two came; who exactly varies from meeting to meeting.
        attended = [m for i, m in enumerate(members) if m.is_admin or (i + n) % 2 == 0]
        attended = [m for i, m in enumerate(attended) if (i + n) % 5 != 0]
        _attendance(meeting, [(m.user, m.organisation) for m in attended] + [(lead, None)], lead)
        for m in attended:
            MeetingResponse.objects.update_or_create(
                meeting=meeting, user=m.user, defaults={"answer": MeetingResponse.Answer.YES}
            )

    # The Basel workshop, on the margins of a conference, for the pilot cohort.
    pilot = Cohort.objects.filter(year=2022).first()
    start = _at(date(2022, 7, 7), time(9, 0), "Europe/Zurich")
    basel = _meeting(
        "workshop-basel-2022",
        kind=Meeting.Kind.WORKSHOP,
        title="Collective Action workshop, Basel",
        agenda=(
            "A one-day workshop on the margins of the international Collective Action "
            "conference.\n\n1. Designing a Collective Action initiative\n2. Working with "
            "business associations\n3. Clinics on each organisation's project"
        ),
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        timezone="Europe/Zurich",
        audience=Meeting.Audience.COHORTS if pilot else Meeting.Audience.COMMUNITY,
        venue="Conference centre, Basel",
        address="Messeplatz 21\n4058 Basel\nSwitzerland",
        capacity=25,
        travel_notes=(
            "Rooms are booked for participants at a hotel ten minutes' walk from the venue. "
            "The programme covers economy flights and two nights; keep your receipts."
        ),
        minutes=(
            "## Highlights\n\nThe pilot organisations presented their projects and received "
            "feedback from practitioners. CCEAC and RIJLI agreed to explore a joint SME "
            "initiative in Côte d'Ivoire."
        ),
        minutes_published_at=start + timedelta(days=5),
        created_by=lead,
    )
    if pilot:
        basel.cohorts.set([pilot])
    basel.hosts.set([lead])
    pilot_people = [m for m in members if m.organisation.cohort_id == (pilot.pk if pilot else None)]
    _attendance(basel, [(m.user, m.organisation) for m in pilot_people] + [(lead, None)], lead)

    # The next quarterly meeting, three weeks ahead, with some answers already in.
    day = _thursday_near((now + timedelta(days=21)).date())
    if (day.month == 12 and day.day >= 18) or (day.month == 1 and day.day < 8):
        day = _thursday_near(date(day.year + (day.month == 12), 1, 8))  # not over the holidays
    start = _at(day, time(14, 0), "Europe/Zurich")
    quarter = (day.month - 1) // 3 + 1
    upcoming = _meeting(
        "quarterly-next",
        kind=Meeting.Kind.QUARTERLY,
        title=f"Quarterly community meeting, Q{quarter} {day.year}: planning the year ahead",
        agenda=AGENDA.format(theme="Planning the year ahead: what each organisation will try"),
        starts_at=start,
        ends_at=start + timedelta(minutes=90),
        timezone="Europe/Zurich",
        audience=Meeting.Audience.COMMUNITY,
        call_link=CALL_LINK,
        minutes="",
        minutes_published_at=None,
        series=SERIES,
        created_by=lead,
        cancelled_at=None,
    )
    upcoming.hosts.set([lead, mentor])
    answers = [MeetingResponse.Answer.YES, MeetingResponse.Answer.MAYBE, MeetingResponse.Answer.NO]
    for i, membership in enumerate(admins):
        if membership.user.email == "mentee@demo.example":
            continue  # left for the demo mentee to answer
        answer = answers[i % 3] if i % 4 else MeetingResponse.Answer.YES
        MeetingResponse.objects.update_or_create(
            meeting=upcoming,
            user=membership.user,
            defaults={
                "answer": answer,
                "note": "I may join late: field visit in the morning."
                if answer == MeetingResponse.Answer.MAYBE
                else "",
            },
        )
    MeetingResponse.objects.update_or_create(
        meeting=upcoming, user=mentor, defaults={"answer": MeetingResponse.Answer.YES}
    )

    # A webinar for the 2023 cohort's organisations.
    day = _thursday_near(upcoming.starts_at.date() + timedelta(days=21))
    start = _at(day, time(10, 0), "Africa/Lome")
    webinar = _meeting(
        "webinar-procurement",
        kind=Meeting.Kind.WEBINAR,
        title="Webinar: open contracting data for monitoring infrastructure",
        agenda="A one-hour introduction by CoST Malawi, with questions.",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        timezone="Africa/Lome",
        audience=Meeting.Audience.ORGANISATIONS,
        call_link="https://meet.example.org/ca-webinar",
        created_by=lead,
    )
    webinar.organisations.set(
        Organisation.objects.filter(slug__in=["cost-malawi", "ance-togo", "ti-sri-lanka", "fafpi"])
    )


def _attendance(meeting: Meeting, people, recorded_by) -> None:
    wanted = {user.pk: organisation for user, organisation in people}
    meeting.attendance.exclude(user_id__in=wanted).delete()
    existing = set(meeting.attendance.values_list("user_id", flat=True))
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(
                meeting=meeting, user_id=pk, organisation=organisation, recorded_by=recorded_by
            )
            for pk, organisation in wanted.items()
            if pk not in existing
        ]
    )
