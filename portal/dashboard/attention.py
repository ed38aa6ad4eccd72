"""What needs a programme lead's attention, each line with a link to where it is acted on.

Each list is one query (two for missed meetings) and shows at most LIMIT lines; one more row
is fetched so the page can say there are more (and link to the admin, where all are listed).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentoring.models import ActionItem, CheckIn, Meeting, MeetingAttendance, Mentorship, Session
from portal.models import Invitation

from .filters import Scope

LIMIT = 15
QUIET_DAYS = 45
INVITATION_DAYS = 7
START_CHECK_IN_DAYS = 14


@dataclass
class Line:
    text: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str
    title: str
    lines: list[Line]
    more_url: str = ""

    @property
    def shown(self) -> list[Line]:
        return self.lines[:LIMIT]

    @property
    def has_more(self) -> bool:
        return len(self.lines) > LIMIT


def _day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def url_of(obj, admin_name: str) -> str:
    """The object's page in the portal, or its page in the admin if the portal has none."""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return reverse(f"admin:{admin_name}_change", args=[obj.pk])


def quiet_mentorships(scope: Scope, now=None) -> list[Line]:
    """Active mentorships without a session for 45 days (or never, 45 days after the start)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=QUIET_DAYS)
    last = Session.objects.filter(mentorship=OuterRef("pk")).order_by("-started_at")
    rows = (
        Mentorship.objects.filter(
            scope.organisation_q("organisation__"), status=Mentorship.Status.ACTIVE
        )
        .annotate(last_session=Subquery(last.values("started_at")[:1]))
        .filter(
            Q(last_session__lt=cutoff)
            | Q(
                last_session__isnull=True,
                start_date__lt=timezone.localdate(now) - timedelta(days=QUIET_DAYS),
            )
        )
        .select_related("organisation")
        .order_by("last_session", "start_date")[: LIMIT + 1]
    )
    lines = []
    for mentorship in rows:
        if mentorship.last_session is None:
            detail = _("No session logged since the start on %(date)s.") % {
                "date": _day(mentorship.start_date)
            }
        else:
            days = (now - mentorship.last_session).days
            detail = _("Last session %(days)d days ago.") % {"days": days}
        lines.append(
            Line(str(mentorship.organisation), url_of(mentorship, "mentoring_mentorship"), detail)
        )
    return lines


def overdue_action_items(scope: Scope, today: date | None = None) -> list[Line]:
    today = today or timezone.localdate()
    rows = (
        ActionItem.objects.filter(
            scope.organisation_q("session__mentorship__organisation__"),
            session__deleted_at__isnull=True,
            done_at__isnull=True,
            due_date__lt=today,
        )
        .select_related("session__mentorship__organisation")
        .order_by("due_date", "pk")[: LIMIT + 1]
    )
    return [
        Line(
            f"{item.session.mentorship.organisation}: {item.text}",
            url_of(item.session, "mentoring_session"),
            _("Due on %(date)s (%(owner)s).")
            % {"date": _day(item.due_date), "owner": item.get_owner_display()},
        )
        for item in rows
    ]


def missed_meetings(scope: Scope, now=None) -> list[Line]:
    """Active organisations with no attendance at either of the last two quarterly community
    meetings held (not cancelled, ended)."""
    now = now or timezone.now()
    last_two = list(
        Meeting.objects.filter(
            kind=Meeting.Kind.QUARTERLY, cancelled_at__isnull=True, ends_at__lt=now
        )
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:2]
    )
    if len(last_two) < 2:
        return []
    rows = (
        scope.organisations()
        .filter(status="active")
        .exclude(
            Exists(
                MeetingAttendance.objects.filter(
                    organisation=OuterRef("pk"), meeting_id__in=last_two
                )
            )
        )
        .order_by("name")[: LIMIT + 1]
    )
    return [
        Line(
            str(org),
            reverse("portal:timeline", args=[org.slug]),
            _("Nobody attended the last two community meetings."),
        )
        for org in rows
    ]


def check_in_due_dates(mentorship: Mentorship) -> dict[str, date]:
    """Start: 14 days after the start; midpoint: halfway to the planned end; end: the planned
    end. Without a planned end only the start check-in is due."""
    start = mentorship.start_date
    due: dict[str, date] = {CheckIn.Stage.START: start + timedelta(days=START_CHECK_IN_DAYS)}
    end = mentorship.planned_end_date
    if end:
        due[CheckIn.Stage.MIDPOINT] = start + (end - start) / 2
        due[CheckIn.Stage.END] = end
    return due


def unanswered_check_ins(scope: Scope, today: date | None = None) -> list[Line]:
    """Check-ins of active mentorships that are due and not answered, with the missing side(s)."""
    today = today or timezone.localdate()
    answered = {
        f"{stage}_{side}": Exists(
            CheckIn.objects.filter(mentorship=OuterRef("pk"), stage=stage, side=side)
        )
        for stage in CheckIn.Stage.values
        for side in CheckIn.Side.values
    }
    rows = (
        Mentorship.objects.filter(
            scope.organisation_q("organisation__"),
            status=Mentorship.Status.ACTIVE,
            start_date__lte=today - timedelta(days=START_CHECK_IN_DAYS),
        )
        .annotate(**answered)
        .select_related("organisation")
        .order_by("start_date", "pk")
    )
    lines = []
    for mentorship in rows:
        for stage, due in check_in_due_dates(mentorship).items():
            if due > today:
                continue
            missing = [
                str(CheckIn.Side(side).label)
                for side in CheckIn.Side.values
                if not getattr(mentorship, f"{stage}_{side}")
            ]
            if missing:
                lines.append(
                    Line(
                        f"{mentorship.organisation}: {CheckIn.Stage(stage).label}",
                        url_of(mentorship, "mentoring_mentorship"),
                        _("Due on %(date)s; not answered by: %(sides)s.")
                        % {"date": _day(due), "sides": ", ".join(missing)},
                    )
                )
    return lines


def stale_invitations(now=None) -> list[Line]:
    """Pending invitations older than 7 days, and expired ones never accepted nor revoked."""
    now = now or timezone.now()
    rows = (
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .filter(
            Q(expires_at__lte=now)
            | Q(expires_at__gt=now, created_at__lt=now - timedelta(days=INVITATION_DAYS))
        )
        .select_related("organisation")
        .order_by("created_at")[: LIMIT + 1]
    )
    url = reverse("portal:invitation_list") + "?show=all"
    lines = []
    for invitation in rows:
        expired = invitation.expires_at <= now
        where = f" ({invitation.organisation})" if invitation.organisation_id else ""
        detail = (
            _("Expired on %(date)s without being accepted.")
            if expired
            else _("Sent on %(date)s, not accepted yet.")
        ) % {
            "date": _day(
                timezone.localdate(invitation.expires_at if expired else invitation.created_at)
            )
        }
        lines.append(Line(f"{invitation.email}{where}", url, detail))
    return lines


def sections(scope: Scope) -> list[Section]:
    return [
        Section(
            "quiet",
            _("Mentorships with no session for %(days)d days") % {"days": QUIET_DAYS},
            quiet_mentorships(scope),
            reverse("admin:mentoring_mentorship_changelist"),
        ),
        Section(
            "overdue",
            _("Overdue action items"),
            overdue_action_items(scope),
            reverse("admin:mentoring_actionitem_changelist"),
        ),
        Section(
            "meetings",
            _("Organisations that missed the last two community meetings"),
            missed_meetings(scope),
        ),
        Section("check_ins", _("Check-ins not answered"), unanswered_check_ins(scope)),
        Section(
            "invitations",
            _("Invitations not accepted"),
            stale_invitations(),
            reverse("admin:portal_invitation_changelist"),
        ),
    ]
