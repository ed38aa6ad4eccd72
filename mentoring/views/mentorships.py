"""Mentorships, their goals and check-ins. Sessions and action items: see sessions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..confidential import confidential
from ..conflicts import EditConflict, rebase_form
from ..elision import elide
from ..forms.sessions import CheckInForm, GoalForm, MentorshipForm
from ..models import ActionItem, CheckIn, Goal, Mentorship, Session, quiet_days
from ..services import sessions as services
from ..typing import AuthedRequest

STATUS_FILTERS = {"current": [Mentorship.Status.ACTIVE, Mentorship.Status.PAUSED]}


@login_required
def mentorship_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    show = request.GET.get("show", "current")
    qs = permissions.mentorships_visible_to(user)
    if show in STATUS_FILTERS:
        qs = qs.filter(status__in=STATUS_FILTERS[show])
    elif show in Mentorship.Status.values:
        qs = qs.filter(status=show)
    else:
        show = "all"
    qs = (
        qs.with_session_stats()
        .select_related("organisation")
        .prefetch_related("mentors")
        .order_by("organisation__name", "-start_date")
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    for mentorship in page:
        mentorship.hours = round(mentorship.session_minutes / 60, 1)
    return render(
        request,
        "mentoring/sessions/mentorship_list.html",
        {
            "page_obj": page,
            "show": show,
            "statuses": [("current", _("Current")), *Mentorship.Status.choices, ("all", _("All"))],
            "can_manage": permissions.can_manage_mentorships(user),
            "reminder_days": quiet_days(),
        },
    )


@login_required
@confidential
def mentorship_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    permissions.require(permissions.can_manage_mentorships(user))
    initial: dict[str, object] = {"start_date": timezone.localdate()}
    if slug := request.GET.get("organisation"):
        initial["organisation"] = (
            permissions.organisations_visible_to(user).filter(slug=slug).first()
        )
    form = MentorshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mentorship = services.mentorship_create(
            actor=user,
            organisation=data["organisation"],
            mentors=data["mentors"],
            start_date=data["start_date"],
            planned_end_date=data["planned_end_date"],
            status=data["status"],
            closing_summary=data["closing_summary"],
        )
        messages.success(
            request, elide(_("The mentorship of %(org)s is created.") % {"org": mentorship})
        )
        return redirect(mentorship)
    return render(request, "mentoring/sessions/mentorship_form.html", {"form": form})


def _mentorship_for(user, pk: int) -> Mentorship:
    return permissions.get_object_for_user(
        permissions.mentorships_visible_to(user).select_related("organisation"), pk=pk
    )


@login_required
@confidential
def mentorship_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Leads change the period, the mentors and the status, and close with a summary."""
    user = request.user
    mentorship = _mentorship_for(user, pk)
    permissions.require(permissions.can_manage_mentorships(user))
    form = MentorshipForm(request.POST or None, instance=mentorship)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mentorship_update(
                mentorship=mentorship,
                actor=user,
                version=data.get("version"),
                data={
                    key: data[key]
                    for key in ["start_date", "planned_end_date", "status", "closing_summary"]
                },
                mentors=data["mentors"],
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(request, _("The mentorship is saved."))
            return redirect(mentorship)
    return render(
        request,
        "mentoring/sessions/mentorship_form.html",
        {"form": form, "mentorship": mentorship, "conflict": conflict},
    )


def check_in_table(user, mentorship: Mentorship, check_ins) -> list[dict]:
    """Per stage: whether it is open, and each side's answer if the viewer may see it."""
    by_key = {(c.stage, c.side): c for c in check_ins}
    today = timezone.localdate()
    own_side = permissions.check_in_side_of(user, mentorship)
    schedule = mentorship.check_in_schedule()
    rows = []
    for stage, label in CheckIn.Stage.choices:
        answers = [by_key.get((stage, side)) for side in CheckIn.Side.values]
        both = all(answers)
        cells = []
        for side, answer in zip(CheckIn.Side.values, answers, strict=True):
            visible = answer is not None and permissions.can_see_check_in(
                user, answer, both_answered=both
            )
            cells.append({"side": CheckIn.Side(side).label, "answer": answer, "visible": visible})
        rows.append(
            {
                "stage": stage,
                "label": label,
                "opens_on": schedule[stage].opens_on,
                "open": mentorship.check_in_is_open(stage, today),
                "cells": cells,
                "can_answer": own_side is not None and by_key.get((stage, own_side)) is None,
            }
        )
    return rows


@login_required
def mentorship_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    mentorship = permissions.get_object_for_user(
        permissions.mentorships_visible_to(user)
        .with_session_stats()
        .select_related("organisation")
        .prefetch_related(
            "mentors",
            Prefetch("goals", queryset=Goal.objects.order_by("status", "target_date", "pk")),
            Prefetch("check_ins", queryset=CheckIn.objects.select_related("respondent")),
        ),
        pk=pk,
    )
    sessions = (
        Session.objects.filter(mentorship=mentorship)
        .select_related("author")
        .prefetch_related("topics")
        .annotate(open_items=Count("action_items", filter=Q(action_items__done_at__isnull=True)))
        .order_by("-started_at")[:10]
    )
    open_items = (
        ActionItem.objects.filter(
            session__mentorship=mentorship,
            session__deleted_at__isnull=True,
            done_at__isnull=True,
        )
        .select_related("owner_person", "session")
        .order_by("due_date", "pk")[:20]
    )
    mentorship.hours = round(mentorship.session_minutes / 60, 1)
    upcoming = (
        Session.objects.filter(mentorship=mentorship, next_session_at__gte=timezone.now())
        .order_by("next_session_at")
        .values_list("next_session_at", flat=True)
        .first()
    )
    return render(
        request,
        "mentoring/sessions/mentorship_detail.html",
        {
            "mentorship": mentorship,
            "organisation": mentorship.organisation,
            "goals": mentorship.goals.all(),
            "sessions": sessions,
            "open_items": open_items,
            "next_session_at": upcoming,
            "needs_attention": mentorship.is_quiet,
            "check_ins": check_in_table(user, mentorship, mentorship.check_ins.all()),
            "can_log": permissions.can_log_session(user, mentorship),
            "can_manage": permissions.can_manage_mentorships(user),
            "can_edit_goal": permissions.can_edit_goal(user, mentorship),
            "can_tick": permissions.can_edit_goal(user, mentorship),
            "reminder_days": quiet_days(),
        },
    )


# --- Goals -----------------------------------------------------------------------------------


def _goal_data(form) -> dict:
    return {k: form.cleaned_data[k] for k in GoalForm.Meta.fields}


@login_required
@confidential
def goal_create(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    mentorship = _mentorship_for(user, pk)
    permissions.require(permissions.can_edit_goal(user, mentorship))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.goal_create(mentorship=mentorship, actor=user, data=_goal_data(form))
        messages.success(request, _("The goal is added."))
        return redirect(mentorship)
    return render(
        request, "mentoring/sessions/goal_form.html", {"form": form, "mentorship": mentorship}
    )


@login_required
@confidential
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    goal = permissions.get_object_for_user(
        permissions.goals_visible_to(user).select_related("mentorship__organisation"), pk=pk
    )
    mentorship = goal.mentorship
    permissions.require(permissions.can_edit_goal(user, mentorship))
    form = GoalForm(request.POST or None, instance=goal)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                goal=goal,
                actor=user,
                version=form.cleaned_data.get("version"),
                data=_goal_data(form),
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect(mentorship)
    return render(
        request,
        "mentoring/sessions/goal_form.html",
        {"form": form, "mentorship": mentorship, "goal": goal, "conflict": conflict},
    )


# --- Check-ins -------------------------------------------------------------------------------


@login_required
@confidential
def check_in(request: AuthedRequest, pk: int, stage: str) -> HttpResponse:
    """Each side answers once per stage; the other side's answer shows once both answered."""
    user = request.user
    if stage not in CheckIn.Stage.values:
        raise Http404
    mentorship = _mentorship_for(user, pk)
    permissions.require(permissions.can_answer_check_in(user, mentorship))
    side = permissions.check_in_side_of(user, mentorship)
    assert side is not None  # can_answer_check_in() holds only for one of the two sides
    existing = CheckIn.objects.filter(mentorship=mentorship, stage=stage, side=side).first()
    opens_on = mentorship.check_in_schedule()[stage].opens_on
    is_open = mentorship.check_in_is_open(stage)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and existing is None and is_open and form.is_valid():
        try:
            services.check_in_answer(
                mentorship=mentorship,
                respondent=user,
                side=side,
                stage=stage,
                data=form.cleaned_data,
            )
        except services.AlreadyAnswered:
            messages.error(request, _("Someone on your side answered this check-in first."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect(mentorship)
    return render(
        request,
        "mentoring/sessions/check_in_form.html",
        {
            "form": form,
            "mentorship": mentorship,
            "stage_label": CheckIn.Stage(stage).label,
            "side_label": CheckIn.Side(side).label,
            "existing": existing,
            "is_open": is_open,
            "opens_on": opens_on,
        },
    )
