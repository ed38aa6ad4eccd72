"""The meeting page and what participants and leads do on it: answers, reminders,
attendance and minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ... import permissions, selectors
from ...confidential import confidential
from ...conflicts import EditConflict, rebase_form
from ...forms.meetings import (
    AnswerForm,
    AttendanceForm,
    MinutesForm,
)
from ...services import meetings as services
from ...typing import AuthedRequest
from .common import _get_meeting


@login_required
def meeting_detail(request: AuthedRequest, uid) -> HttpResponse:
    user = request.user
    meeting = _get_meeting(
        request, uid, permissions.meetings_visible_to(user).prefetch_related("hosts")
    )
    context = selectors.meeting_page(user, meeting)
    if context["invitee"]:
        mine = context["my_response"]
        context["answer_form"] = AnswerForm(
            initial={"answer": mine.answer, "note": mine.note} if mine else None
        )
    return render(request, "mentoring/meetings/meeting_detail.html", context)


@require_POST
@login_required
@confidential
def meeting_answer(request: AuthedRequest, uid) -> HttpResponse:
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
def meeting_remind(request: AuthedRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    try:
        n = services.meeting_remind_unanswered(meeting=meeting, actor=request.user)
    except services.MeetingClosed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A reminder is on its way to %(n)s people.") % {"n": n})
    return redirect(meeting)


# --- After the meeting ---------------------------------------------------------------------------


@login_required
def meeting_attendance(request: AuthedRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    permissions.require(permissions.can_manage_meetings(request.user))
    org_ids = list(permissions.invited_organisations(meeting).values_list("pk", flat=True))
    invitees = (
        permissions.meeting_invitees(meeting)
        .order_by("full_name")
        .prefetch_related(selectors.meeting_memberships(org_ids))
    )
    current = list(meeting.attendance.values_list("user_id", flat=True))
    form = AttendanceForm(
        request.POST or None,
        invitees=invitees,
        initial={"attendees": current, "attendance_version": meeting.attendance_version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            n = services.meeting_record_attendance(
                meeting=meeting,
                actor=request.user,
                attendees=form.cleaned_data["attendees"],
                version=form.cleaned_data["attendance_version"],
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc, field="attendance_version")
        else:
            messages.success(request, _("Attendance saved: %(n)s people.") % {"n": n})
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "mentoring/meetings/meeting_attendance.html",
        {"meeting": meeting, "form": form, "conflict": conflict},
    )


@login_required
@confidential
def meeting_minutes(request: AuthedRequest, uid) -> HttpResponse:
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
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(request, _("The minutes are published on the meeting page."))
            return redirect(meeting.get_absolute_url() + "#minutes")
    return render(
        request,
        "mentoring/meetings/meeting_minutes.html",
        {"meeting": meeting, "form": form, "conflict": conflict},
    )


# --- Calendars ---------------------------------------------------------------------------------
