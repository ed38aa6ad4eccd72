"""The programme's figures for a scope (period, cohort, country), aggregated in the database.

Every function here runs a fixed number of queries, whatever the number of organisations,
sessions, meetings or documents: counts and sums are computed by the database, per row with
correlated subqueries (never joins that multiply each other), never by looping in Python.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from documents.models import Document
from mentoring.models import (
    ActionItem,
    CheckIn,
    Meeting,
    MeetingAttendance,
    Mentorship,
    Organisation,
    Session,
)

from .filters import Scope, add_months

ACTIVE = Organisation.Status.ACTIVE


# --- Subquery helpers ------------------------------------------------------------------------


def count_of(queryset: QuerySet, field_name: str = "pk", *, distinct: bool = False):
    """COUNT over a correlated queryset, as an expression (0 when nothing matches)."""
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else None
    extra = {"template": template} if template else {}
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(_n=Func(F(field_name), function="COUNT", **extra))
            .values("_n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def sum_of(queryset: QuerySet, field_name: str):
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(_s=Func(F(field_name), function="SUM")).values("_s")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def avg_of(queryset: QuerySet, field_name: str):
    return Subquery(
        queryset.order_by()
        .annotate(_a=Func(F(field_name), function="AVG", output_field=FloatField()))
        .values("_a")[:1],
        output_field=FloatField(),
    )


def hours(minutes: int | None) -> float:
    return round((minutes or 0) / 60, 1)


# --- Querysets of a scope --------------------------------------------------------------------


def sessions_in(scope: Scope) -> QuerySet[Session]:
    """Live (not trashed) sessions that started in the period, of organisations in scope."""
    return Session.objects.filter(
        scope.period_q("started_at"), scope.organisation_q("mentorship__organisation__")
    )


def mentorships_in(scope: Scope) -> QuerySet[Mentorship]:
    """Mentorships that ran during the period: started by its last day and not closed before
    its first (a closed mentorship counts until its planned end)."""
    return Mentorship.objects.filter(
        scope.organisation_q("organisation__"), start_date__lte=scope.last_day
    ).filter(~Q(status=Mentorship.Status.CLOSED) | Q(planned_end_date__gte=scope.first_day))


def held_meetings(scope: Scope, now=None) -> QuerySet[Meeting]:
    """Meetings held in the period (not cancelled, already ended), each annotated with the
    number of organisations in scope that were invited and that attended.

    Invited: the whole community = active organisations in scope; chosen cohorts = the active
    organisations in scope of those cohorts; chosen organisations = those of them in scope.
    Meetings that invited no organisation in scope are left out."""
    now = now or timezone.now()
    orgs = Organisation.objects.filter(scope.organisation_q())
    invited = Case(
        When(
            audience=Meeting.Audience.COMMUNITY,
            then=count_of(orgs.filter(status=ACTIVE)),
        ),
        When(
            audience=Meeting.Audience.COHORTS,
            then=count_of(orgs.filter(status=ACTIVE, cohort__meetings=OuterRef("pk"))),
        ),
        default=count_of(orgs.filter(meetings=OuterRef("pk"))),
        output_field=IntegerField(),
    )
    present = MeetingAttendance.objects.filter(
        scope.organisation_q("organisation__"),
        meeting=OuterRef("pk"),
        organisation__isnull=False,
    )
    attended = Case(
        When(
            audience=Meeting.Audience.COMMUNITY,
            then=count_of(
                present.filter(organisation__status=ACTIVE), "organisation_id", distinct=True
            ),
        ),
        When(
            audience=Meeting.Audience.COHORTS,
            then=count_of(
                present.filter(
                    organisation__status=ACTIVE, organisation__cohort__meetings=F("meeting_id")
                ),
                "organisation_id",
                distinct=True,
            ),
        ),
        default=count_of(
            present.filter(organisation__meetings=F("meeting_id")),
            "organisation_id",
            distinct=True,
        ),
        output_field=IntegerField(),
    )
    return (
        Meeting.objects.filter(
            scope.period_q("starts_at"), cancelled_at__isnull=True, ends_at__lt=now
        )
        .annotate(invited=invited, attended=attended)
        .filter(invited__gt=0)
        .order_by("starts_at")
    )


def documents_in(scope: Scope) -> QuerySet[Document]:
    """Documents not in the trash, of organisations in scope; the community library counts
    only when no cohort or country is chosen."""
    qs = Document.objects.filter(deleted_at__isnull=True)
    if scope.is_filtered:
        qs = qs.filter(scope.organisation_q("organisation__"))
    return qs


# --- Figures ---------------------------------------------------------------------------------


@dataclass
class Month:
    month: date
    sessions: int = 0
    minutes: int = 0

    @property
    def hours(self) -> float:
        return hours(self.minutes)


@dataclass
class Figures:
    active_organisations: int = 0
    countries: int = 0
    mentorships: int = 0
    mentors: int = 0
    sessions: int = 0
    minutes: int = 0
    action_items_done: int = 0
    action_items_overdue: int = 0
    meetings_held: int = 0
    invited: int = 0
    attended: int = 0
    documents_added: int = 0
    documents_shared: int = 0
    months: list[Month] = field(default_factory=list)
    # Annotated with `invited` and `attended` by held_meetings().
    meetings: list[Any] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return hours(self.minutes)

    @property
    def attendance_rate(self) -> int | None:
        """Percentage of invited organisations that attended, over the meetings held."""
        if not self.invited:
            return None
        return round(100 * self.attended / self.invited)


def session_months(scope: Scope) -> list[Month]:
    """Sessions and minutes per month of the period, months cut in the viewer's timezone."""
    rows = (
        sessions_in(scope)
        .annotate(month=TruncMonth("started_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by("month")
    )
    found = {}
    for row in rows:
        month = row["month"]
        key = month.date() if hasattr(month, "date") else month
        found[key.replace(day=1)] = (row["n"], row["minutes"] or 0)
    months = []
    current = scope.first_day.replace(day=1)
    while current <= scope.last_day:
        n, minutes = found.get(current, (0, 0))
        months.append(Month(current, n, minutes))
        current = add_months(current, 1)
    return months


def compute(scope: Scope) -> Figures:
    """Every figure of the dashboard, in six queries."""
    figures = Figures()
    orgs = (
        scope.organisations()
        .filter(status=ACTIVE)
        .aggregate(n=Count("pk"), countries=Count("country", distinct=True))
    )
    figures.active_organisations, figures.countries = orgs["n"], orgs["countries"]

    ms = mentorships_in(scope).aggregate(
        n=Count("pk", distinct=True), mentors=Count("mentors", distinct=True)
    )
    figures.mentorships, figures.mentors = ms["n"], ms["mentors"]

    figures.months = session_months(scope)
    figures.sessions = sum(m.sessions for m in figures.months)
    figures.minutes = sum(m.minutes for m in figures.months)

    items = ActionItem.objects.filter(
        scope.organisation_q("session__mentorship__organisation__"),
        session__deleted_at__isnull=True,
    ).aggregate(
        done=Count("pk", filter=scope.period_q("done_at")),
        overdue=Count("pk", filter=Q(done_at__isnull=True, due_date__lt=timezone.localdate())),
    )
    figures.action_items_done, figures.action_items_overdue = items["done"], items["overdue"]

    figures.meetings = list(held_meetings(scope))
    figures.meetings_held = len(figures.meetings)
    figures.invited = sum(m.invited for m in figures.meetings)
    figures.attended = sum(m.attended for m in figures.meetings)

    docs = documents_in(scope).aggregate(
        added=Count("pk", filter=scope.period_q("created_at"), distinct=True),
        shared=Count("pk", filter=scope.period_q("shares__shared_at"), distinct=True),
    )
    figures.documents_added, figures.documents_shared = docs["added"], docs["shared"]
    return figures


def organisation_activity(scope: Scope) -> QuerySet[Organisation]:
    """Organisations in scope (not applicants) with their activity in the period, one query."""
    org = OuterRef("pk")
    sessions = Session.objects.filter(scope.period_q("started_at"), mentorship__organisation=org)
    items_done = ActionItem.objects.filter(
        scope.period_q("done_at"),
        session__mentorship__organisation=org,
        session__deleted_at__isnull=True,
    )
    attendance = MeetingAttendance.objects.filter(
        scope.period_q("meeting__starts_at"),
        meeting__cancelled_at__isnull=True,
        meeting__ends_at__lt=timezone.now(),
        organisation=org,
    )
    documents = Document.objects.filter(
        scope.period_q("created_at"), deleted_at__isnull=True, organisation=org
    )
    check_ins = CheckIn.objects.filter(scope.period_q("answered_at"), mentorship__organisation=org)
    return (
        scope.organisations()
        .listed()
        .select_related("cohort")
        .annotate(
            session_count=count_of(sessions),
            session_minutes=sum_of(sessions, "duration_minutes"),
            items_done=count_of(items_done),
            meetings_attended=count_of(attendance, "meeting_id", distinct=True),
            documents_added=count_of(documents),
            usefulness=avg_of(check_ins, "usefulness"),
            progress=avg_of(check_ins, "progress"),
        )
        .order_by("-session_minutes", "-session_count", "name")
    )


def check_in_scores(scope: Scope) -> list[dict]:
    """Average check-in scores (1–5) answered in the period, per stage and side."""
    rows = (
        CheckIn.objects.filter(
            scope.period_q("answered_at"), scope.organisation_q("mentorship__organisation__")
        )
        .values("stage", "side")
        .annotate(n=Count("pk"), usefulness=Avg("usefulness"), progress=Avg("progress"))
        .order_by()
    )
    found: dict[tuple[str, str], Any] = {(r["stage"], r["side"]): r for r in rows}
    result = []
    for stage, stage_label in CheckIn.Stage.choices:
        for side, side_label in CheckIn.Side.choices:
            row = found.get((stage, side), {})
            result.append(
                {
                    "stage": stage_label,
                    "side": side_label,
                    "answers": row.get("n", 0),
                    "usefulness": _round(row.get("usefulness")),
                    "progress": _round(row.get("progress")),
                }
            )
    return result


def _round(value) -> float | None:
    return None if value is None else round(value, 1)
