"""Scheduling a meeting with the timezone planner: create, edit, cancel."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ... import permissions, planner
from ...confidential import confidential
from ...conflicts import EditConflict, rebase_form
from ...forms.meetings import (
    MeetingForm,
    default_timezone,
)
from ...models import (
    Meeting,
    Membership,
)
from ...services import meetings as services
from ...typing import AuthedRequest
from .common import _get_meeting


def _participants(data: dict) -> list[planner.Participant]:
    """The invited organisations, and the people whose zone is not their organisation's:
    leads, hosts, mentors, and members living elsewhere."""
    audience = permissions.audience_organisations(
        data.get("audience") or Meeting.Audience.COMMUNITY,
        cohorts=data.get("cohorts") or [],
        organisations=data.get("organisations") or [],
    )
    organisations = list(audience.only("name", "acronym", "timezone").order_by("name"))
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
        permissions.audience_invitees(organisations, hosts=data.get("hosts") or [])
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
                    saved = services.meeting_create(actor=user, data=data)
                    messages.success(
                        request, _("The meeting is scheduled and the invitations are on their way.")
                    )
                else:
                    saved = services.meeting_update(
                        meeting=meeting,
                        actor=user,
                        data=form.meeting_data(),
                        version=form.cleaned_data["version"],
                    )
                    messages.success(
                        request, _("The meeting is saved; invitees are told of changes.")
                    )
                return redirect(saved)
            except EditConflict as exc:
                conflict = rebase_form(form, exc)
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
@confidential
def meeting_create(request: AuthedRequest) -> HttpResponse:
    """Leads schedule a meeting; `?after=<meeting>` prepares the next one of a quarterly series
    (same title, audience and hours, thirteen weeks later)."""
    permissions.require(permissions.can_manage_meetings(request.user))
    initial: dict[str, Any] = {
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
@confidential
def meeting_edit(request: AuthedRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be edited."))
        return redirect(meeting)
    return _schedule(request, meeting)


@login_required
@confidential
def meeting_cancel(request: AuthedRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    if request.method == "POST":
        services.meeting_cancel(meeting=meeting, actor=request.user)
        messages.success(request, _("The meeting is cancelled; the invitees are told."))
        return redirect(meeting)
    return render(request, "mentoring/meetings/meeting_cancel.html", {"meeting": meeting})


# --- The meeting page and answers -------------------------------------------------------------
