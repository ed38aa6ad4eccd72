"""Community meetings: list, archive, the meeting page, scheduling with the timezone planner,
answers, attendance, minutes, calendar files and the private calendar feed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import calendars, permissions, planner
from ..forms.meetings import (
    AnswerForm,
    ArchiveFilterForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    default_timezone,
)
from ..models import (
    CalendarFeedToken,
    Meeting,
    MeetingResponse,
    Membership,
    Mentorship,
    Organisation,
)
from ..roles import Role
from ..services import meetings as services

PER_PAGE = 20


def _get_meeting(request, uid, queryset=None):
    return permissions.get_object_for_user(
        queryset if queryset is not None else permissions.meetings_visible_to(request.user),
        uid=uid,
    )


def _with_my_answer(queryset, user):
    return queryset.prefetch_related(
        Prefetch(
            "responses", queryset=MeetingResponse.objects.filter(user=user), to_attr="my_responses"
        )
    ).annotate(
        coming=Count(
            "responses",
            filter=Q(responses__answer=MeetingResponse.Answer.YES, responses__waitlisted=False),
        )
    )


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings the person may open, soonest first."""
    user = request.user
    meetings = _with_my_answer(
        permissions.meetings_visible_to(user).upcoming().order_by("starts_at"), user
    )
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/meetings/meeting_list.html",
        {"page_obj": page, "can_manage": permissions.can_manage_meetings(user)},
    )


@login_required
def meeting_archive(request: HttpRequest) -> HttpResponse:
    """Past meetings with their minutes, filterable by year and kind."""
    user = request.user
    visible = permissions.meetings_visible_to(user).past()
    years = sorted(
        {d.year for d in visible.datetimes("starts_at", "year")},
        reverse=True,
    )
    form = ArchiveFilterForm(request.GET or None, years=years)
    meetings = form.filter(visible).annotate(attended=Count("attendance")).order_by("-starts_at")
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "mentoring/meetings/meeting_archive.html", {"page_obj": page, "form": form}
    )


# --- Scheduling with the planner ---------------------------------------------------------------


def _participants(data: dict) -> list[planner.Participant]:
    """The invited organisations, and the people whose zone is not their organisation's:
    leads, hosts, mentors, and members living elsewhere."""
    audience = data.get("audience") or Meeting.Audience.COMMUNITY
    organisations = Organisation.objects.all()
    if audience == Meeting.Audience.COMMUNITY:
        organisations = organisations.filter(status__in=permissions.meetings.LISTED)
    elif audience == Meeting.Audience.COHORTS:
        organisations = organisations.filter(cohort__in=data.get("cohorts") or [])
    else:
        organisations = organisations.filter(pk__in=[o.pk for o in data.get("organisations") or []])
    organisations = list(organisations.only("name", "acronym", "timezone").order_by("name"))
    rows = [planner.Participant(o.short_name, o.timezone, "organisation") for o in organisations]
    away = (
        Membership.objects.filter(organisation__in=organisations, user__is_active=True)
        .exclude(user__timezone=F("organisation__timezone"))
        .select_related("user", "organisation")
    )
    rows += [
        planner.Participant(
            f"{m.user.full_name} ({m.organisation.short_name})", m.user.timezone, "person"
        )
        for m in away
    ]
    others = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(role=Role.LEAD)
            | Q(pk__in=[h.pk for h in data.get("hosts") or []])
            | Q(
                pk__in=Mentorship.mentors.through.objects.filter(
                    mentorship__organisation__in=organisations
                ).values("user_id")
            )
        )
        .exclude(memberships__organisation__in=organisations)
        .order_by("full_name")
    )
    rows += [
        planner.Participant(f"{p.full_name} ({p.get_role_display()})", p.timezone, "person")
        for p in others
    ]
    return rows


def _plan(form: MeetingForm) -> dict | None:
    """The planner's view of the proposed time, when the times are valid."""
    data = getattr(form, "cleaned_data", {})
    if "starts_at" not in data:
        return None
    participants = _participants(data)
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    duration = ends_at - starts_at
    rows = planner.local_view(starts_at, ends_at, participants)
    earliest = datetime.combine(data["start_date"], time(0), tzinfo=UTC)
    suggestions = []
    rotation = []
    if duration <= timedelta(hours=12):
        suggestions = planner.suggest_slots(participants, duration, earliest=earliest, weeks=2)
        if not suggestions:
            rotation = planner.rotate_inconvenience(
                participants, duration, first_day=data["start_date"], count=4
            )
    zone = planner.get_zone(data["timezone"])
    return {
        "rows": rows,
        "outside": [row for row in rows if not row.inside],
        "suggestions": [
            {"utc": s, "local": s.astimezone(zone), "end_local": (s + duration).astimezone(zone)}
            for s in suggestions
        ],
        "rotation": [
            {
                "utc": r.start,
                "local": r.start.astimezone(zone),
                "inconvenienced": r.inconvenienced,
            }
            for r in rotation
        ],
        "meeting_zone": data["timezone"],
    }


def _use_slot(post, slot: str):
    """A suggested slot (an ISO UTC time) chosen from the planner: fill in the times, keeping
    the duration and the meeting's zone, and check again."""
    data = post.copy()
    try:
        start = datetime.fromisoformat(slot).astimezone(UTC)
        zone = planner.get_zone(post.get("timezone", "UTC"))
        form = MeetingForm(post, checking=True)
        form.is_valid()
        duration = form.cleaned_data["ends_at"] - form.cleaned_data["starts_at"]
        local_start, local_end = start.astimezone(zone), (start + duration).astimezone(zone)
    except (ValueError, KeyError, OverflowError, planner.LocalTimeError):
        return data
    data["start_date"] = local_start.date().isoformat()
    data["start_time"] = local_start.strftime("%H:%M")
    data["end_time"] = local_end.strftime("%H:%M")
    data["end_date"] = (
        local_end.date().isoformat() if local_end.date() != local_start.date() else ""
    )
    return data


def _schedule(request: HttpRequest, meeting: Meeting | None, initial: dict | None = None):
    user = request.user
    plan = None
    conflict = None
    if request.method == "POST":
        post = request.POST
        if slot := post.get("use_slot"):
            post = _use_slot(post, slot)
        checking = "save" not in post
        form = MeetingForm(post, meeting=meeting, checking=checking)
        valid = form.is_valid()
        plan = _plan(form)
        if valid and not checking:
            try:
                if meeting is None:
                    data = form.meeting_data()
                    if initial and initial.get("series"):
                        data["series"] = initial["series"]
                    saved = services.meeting_create(actor=user, data=data, request=request)
                    messages.success(
                        request, _("The meeting is scheduled and the invitations are on their way.")
                    )
                else:
                    saved = services.meeting_update(
                        meeting=meeting,
                        actor=user,
                        data=form.meeting_data(),
                        version=form.cleaned_data["version"] or 0,
                        request=request,
                    )
                    messages.success(
                        request, _("The meeting is saved; invitees are told of changes.")
                    )
                return redirect(saved)
            except services.MeetingChanged as exc:
                conflict = exc.current
                form.add_error(
                    None,
                    _(
                        "Someone else changed this meeting while you were editing it. Your "
                        "changes are not saved. Their version is shown below; reload the page "
                        "to edit it."
                    ),
                )
            except services.MeetingClosed as exc:
                form.add_error(None, exc.message)
    else:
        form = (
            MeetingForm(meeting=meeting, initial=initial)
            if initial
            else MeetingForm(meeting=meeting)
        )
    return render(
        request,
        "mentoring/meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "plan": plan, "conflict": conflict},
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Leads schedule a meeting; `?after=<meeting>` prepares the next one of a quarterly series
    (same title, audience and hours, thirteen weeks later)."""
    permissions.require(permissions.can_manage_meetings(request.user))
    initial = {
        "kind": request.GET.get("kind") or Meeting.Kind.QUARTERLY,
        "timezone": default_timezone(request.user),
        "audience": Meeting.Audience.COMMUNITY,
    }
    if after := request.GET.get("after"):
        try:
            previous = permissions.meetings_visible_to(request.user).get(uid=after)
        except (Meeting.DoesNotExist, ValidationError, ValueError):
            previous = None
        if previous is not None:
            initial = MeetingForm.initial_from(previous)
            weeks = 13 if previous.kind == Meeting.Kind.QUARTERLY else 1
            initial["start_date"] += timedelta(weeks=weeks)
            if initial.get("end_date"):
                initial["end_date"] += timedelta(weeks=weeks)
            initial.pop("version", None)
            initial["series"] = previous.series
    return _schedule(request, None, initial)


@login_required
def meeting_edit(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be edited."))
        return redirect(meeting)
    return _schedule(request, meeting)


@login_required
def meeting_cancel(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    if request.method == "POST":
        services.meeting_cancel(meeting=meeting, actor=request.user, request=request)
        messages.success(request, _("The meeting is cancelled; the invitees are told."))
        return redirect(meeting)
    return render(request, "mentoring/meetings/meeting_cancel.html", {"meeting": meeting})


# --- The meeting page and answers -------------------------------------------------------------


def _people_with_organisations(queryset, organisation_ids):
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(organisation_id__in=organisation_ids).select_related(
                "organisation"
            ),
            to_attr="meeting_memberships",
        )
    )


@login_required
def meeting_detail(request: HttpRequest, uid) -> HttpResponse:
    user = request.user
    meeting = _get_meeting(
        request, uid, permissions.meetings_visible_to(user).prefetch_related("hosts")
    )
    invitee = permissions.is_meeting_invitee(user, meeting)
    is_lead = permissions.can_manage_meetings(user)
    context = {"meeting": meeting, "invitee": invitee, "can_manage": is_lead}
    if invitee:
        org_ids = list(permissions.invited_organisations(meeting).values_list("pk", flat=True))
        responses = list(
            meeting.responses.select_related("user").prefetch_related(
                Prefetch(
                    "user__memberships",
                    queryset=Membership.objects.filter(organisation_id__in=org_ids).select_related(
                        "organisation"
                    ),
                    to_attr="meeting_memberships",
                )
            )
        )
        mine = next((r for r in responses if r.user_id == user.pk), None)
        context |= {
            "my_response": mine,
            "coming": [r for r in responses if r.is_confirmed],
            "waiting": [r for r in responses if r.answer == "yes" and r.waitlisted],
            "maybe": [r for r in responses if r.answer == "maybe"],
            "answers_open": not meeting.is_cancelled and not meeting.has_started,
            "answer_form": AnswerForm(
                initial={"answer": mine.answer, "note": mine.note} if mine else None
            ),
        }
        if meeting.minutes_published_at or meeting.has_started:
            context["attendance"] = list(
                meeting.attendance.select_related("user", "organisation").order_by(
                    "organisation__name", "user__full_name"
                )
            )
            by_org: dict = {}
            for row in context["attendance"]:
                if row.organisation is not None:
                    by_org.setdefault(row.organisation, []).append(row.user)
            context["attendance_by_org"] = sorted(by_org.items(), key=lambda kv: kv[0].name)
        if is_lead:
            counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
            for r in responses:
                counts[r.answer] += 1
            answered = {r.user_id for r in responses}
            unanswered = list(
                permissions.meeting_invitees(meeting)
                .exclude(pk__in=answered)
                .order_by("full_name")
                .only("full_name", "email")
            )
            context |= {
                "counts": counts,
                "waiting_count": len(context["waiting"]),
                "unanswered": unanswered,
            }
    return render(request, "mentoring/meetings/meeting_detail.html", context)


@require_POST
@login_required
def meeting_answer(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_answer_meeting(request.user, meeting))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            response = services.meeting_answer(
                meeting=meeting,
                user=request.user,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except services.MeetingClosed as exc:
            messages.error(request, exc.message)
        else:
            if response.waitlisted:
                messages.warning(
                    request,
                    _(
                        "The meeting is full: you are on the waiting list and will be told by e-mail if a place opens."
                    ),
                )
            else:
                messages.success(
                    request, _("Your answer is saved. You can change it until the start.")
                )
    else:
        messages.error(request, _("Choose yes, no or maybe."))
    return redirect(meeting.get_absolute_url() + "#answer")


@require_POST
@login_required
def meeting_remind(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    try:
        n = services.meeting_remind_unanswered(meeting=meeting, actor=request.user, request=request)
    except services.MeetingClosed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A reminder is on its way to %(n)s people.") % {"n": n})
    return redirect(meeting)


# --- After the meeting ---------------------------------------------------------------------------


@login_required
def meeting_attendance(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    org_ids = list(permissions.invited_organisations(meeting).values_list("pk", flat=True))
    invitees = _people_with_organisations(
        permissions.meeting_invitees(meeting).order_by("full_name"), org_ids
    )
    current = list(meeting.attendance.values_list("user_id", flat=True))
    form = AttendanceForm(request.POST or None, invitees=invitees, initial={"attendees": current})
    if request.method == "POST" and form.is_valid():
        n = services.meeting_record_attendance(
            meeting=meeting,
            actor=request.user,
            attendees=form.cleaned_data["attendees"],
            request=request,
        )
        messages.success(request, _("Attendance saved: %(n)s people.") % {"n": n})
        return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request, "mentoring/meetings/meeting_attendance.html", {"meeting": meeting, "form": form}
    )


@login_required
def meeting_minutes(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    conflict = None
    form = MinutesForm(
        request.POST or None, initial={"minutes": meeting.minutes, "version": meeting.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_publish_minutes(
                meeting=meeting,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                version=form.cleaned_data["version"],
                request=request,
            )
        except services.MeetingChanged as exc:
            conflict = exc.current
            form.add_error(
                None,
                _(
                    "Someone else saved these minutes while you were writing. Your text is "
                    "not saved; theirs is shown below. Copy what you need, reload and try again."
                ),
            )
        else:
            messages.success(request, _("The minutes are published on the meeting page."))
            return redirect(meeting.get_absolute_url() + "#minutes")
    return render(
        request,
        "mentoring/meetings/meeting_minutes.html",
        {"meeting": meeting, "form": form, "conflict": conflict},
    )


# --- Calendars ---------------------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    body = calendars.meeting_download(
        meeting, include_link=permissions.is_meeting_invitee(request.user, meeting)
    )
    name = slugify(meeting.title)[:60] or "meeting"
    return _ics_response(body, f"{name}-{meeting.starts_at:%Y-%m-%d}.ics")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed; the token is the only credential (no login: calendar programs
    cannot sign in). Forged or revoked tokens are a 404."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=CalendarFeedToken.hash_token(token), user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    user = feed.user
    since = timezone.now() - timedelta(days=400)
    meetings = list(
        permissions.meetings_invited_to(user).filter(ends_at__gte=since).order_by("starts_at")
    )
    CalendarFeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    body = calendars.feed_calendar(
        meetings,
        invited_ids={m.pk for m in meetings},
        extra=calendars.session_events(user, since=since),
    )
    return _ics_response(body, "ca-mentoring.ics")


FEED_SESSION_KEY = "calendar_feed_token"


@require_POST
@login_required
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    """A new secret address (the previous one stops working), shown once on the next page."""
    token = services.calendar_feed_regenerate(user=request.user, request=request)
    request.session[FEED_SESSION_KEY] = token
    return redirect("mentoring:calendar_feed_created")


@login_required
def calendar_feed_created(request: HttpRequest) -> HttpResponse:
    token = request.session.pop(FEED_SESSION_KEY, None)
    if not token:
        return redirect(reverse("portal:profile") + "#calendar-feed")
    url = settings.SITE_URL + reverse("mentoring:calendar_feed", args=[token])
    response = render(request, "mentoring/meetings/calendar_feed_created.html", {"feed_url": url})
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def calendar_feed_revoke(request: HttpRequest) -> HttpResponse:
    if services.calendar_feed_revoke(user=request.user, request=request):
        messages.success(
            request, _("Your calendar feed is turned off; its address no longer works.")
        )
    return redirect("portal:profile")
