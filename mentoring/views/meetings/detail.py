"""The meeting page and what participants and leads do on it: answers, reminders,
attendance and minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ... import permissions
from ...forms.meetings import (
    AnswerForm,
    AttendanceForm,
    MinutesForm,
)
from ...models import (
    MeetingResponse,
    Membership,
)
from ...services import meetings as services
from .common import _get_meeting


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
