"""What needs a programme lead's attention, each line with a link to where it is acted on.

Each list is one query (two for missed meetings) and shows at most LIMIT lines; one more row
is fetched so the page can say there are more (and link to the admin, where all are listed).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentoring.models import (
    ActionItem,
    CheckIn,
    Meeting,
    MeetingAttendance,
    Mentorship,
    quiet_days,
)
from mentoring.models.programme import CHECK_IN_START_DUE_DAYS
from portal.models import Invitation

from .filters import Scope

LIMIT = 15
INVITATION_DAYS = 7


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
    """Active mentorships without a session for DJANGO_MENTOR_REMINDER_DAYS days (or never,
    that many days after the start): `Mentorship.objects.quiet()`, as the reminder e-mails."""
    now = now or timezone.now()
    rows = (
        Mentorship.objects.filter(scope.organisation_q("organisation__"))
        .quiet(now=now)
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
            start_date__lte=today - timedelta(days=CHECK_IN_START_DUE_DAYS),
        )
        .annotate(**answered)
        .select_related("organisation")
        .order_by("start_date", "pk")
    )
    lines = []
    for mentorship in rows:
        for stage, window in mentorship.check_in_schedule().items():
            due = window.due_on
            if due is None or due > today:
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
            _("Mentorships with no session for %(days)d days") % {"days": quiet_days()},
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
