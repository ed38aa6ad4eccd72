"""Introductions: asking, answering (admins of the asked side), lists per side, and leads
introducing two organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mentoring import permissions as core

from .. import permissions, services
from ..forms import IntroductionAnswerForm, IntroductionRequestForm, LeadIntroductionForm
from ..models import Introduction

RELATED = ["from_organisation", "to_organisation", "from_contact", "to_contact", "requested_by"]


@login_required
@require_safe
def introduction_list(request: HttpRequest) -> HttpResponse:
    """Per side: what we asked, what we were asked; pending first."""
    user = request.user
    visible = permissions.introductions_visible_to(user).select_related(*RELATED)
    own = core.member_organisation_ids(user) | core.mentored_organisation_ids(user)
    pending_first = ["-status", "-created_at"]  # "pending" sorts after "declined"/"accepted"
    if permissions.can_introduce(user):
        sections = [(_("All introductions"), visible.order_by(*pending_first), "all")]
    else:
        sections = [
            (
                _("Asked of us"),
                visible.filter(to_organisation_id__in=own).order_by(*pending_first),
                "received",
            ),
            (
                _("Asked by us"),
                visible.filter(from_organisation_id__in=own).order_by(*pending_first),
                "asked",
            ),
        ]
    pages = [
        (title, Paginator(qs, 20).get_page(request.GET.get(f"{key}_page")), key)
        for title, qs, key in sections
    ]
    return render(
        request,
        "community/introduction_list.html",
        {"sections": pages, "can_introduce": permissions.can_introduce(user)},
    )


@login_required
def introduction_request(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    target = permissions.get_object_for_user(core.organisations_visible_to(user), slug=slug)
    permissions.require(permissions.can_ask_introduction(user, target))
    organisations = permissions.organisations_user_can_ask_from(user).exclude(pk=target.pk)
    permissions.require(organisations.exists())
    form = IntroductionRequestForm(
        request.POST or None, user=user, target=target, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_request(
                from_organisation=form.cleaned_data["from_organisation"],
                to_organisation=target,
                actor=user,
                from_contact=form.cleaned_data["contact"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your request is sent; the admins of %(org)s will answer in the portal.")
                % {"org": target.short_name},
            )
            return redirect(introduction)
    return render(request, "community/introduction_request.html", {"form": form, "target": target})


def _introduction_for(user, pk: int) -> Introduction:
    return permissions.get_object_for_user(
        permissions.introductions_visible_to(user).select_related(*RELATED), pk=pk
    )


@login_required
@require_safe
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    introduction = _introduction_for(user, pk)
    can_answer = permissions.can_answer_introduction(user, introduction)
    return render(
        request,
        "community/introduction_detail.html",
        {
            "introduction": introduction,
            "can_answer": can_answer,
            "form": IntroductionAnswerForm(user=user, introduction=introduction)
            if can_answer
            else None,
            "show_contacts": permissions.can_see_introduction_contacts(user, introduction),
        },
    )


@login_required
@require_POST
def introduction_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept (with the contact person of our side) or decline."""
    user = request.user
    introduction = _introduction_for(user, pk)
    permissions.require(permissions.can_answer_introduction(user, introduction))
    form = IntroductionAnswerForm(request.POST, user=user, introduction=introduction)
    if not form.is_valid():
        return render(
            request,
            "community/introduction_detail.html",
            {"introduction": introduction, "can_answer": True, "form": form},
            status=200,
        )
    try:
        if "accept" in request.POST:
            services.introduction_accept(
                introduction=introduction,
                actor=user,
                to_contact=form.cleaned_data["contact"],
            )
            messages.success(request, _("Accepted: both sides now see each other's contact."))
        else:
            services.introduction_decline(introduction=introduction, actor=user)
            messages.success(request, _("Declined. The other side sees the answer."))
    except services.IntroductionRefused:
        messages.error(request, _("A colleague answered this introduction meanwhile."))
    return redirect(introduction)


@login_required
def introduction_make(request: HttpRequest) -> HttpResponse:
    """A lead introduces two organisations (from the dashboard's unexplored pairs, or freely)."""
    user = request.user
    permissions.require(permissions.can_introduce(user))
    initial = {
        name: request.GET[name]
        for name in ["from_organisation", "to_organisation"]
        if request.GET.get(name, "").isdigit()
    }
    form = LeadIntroductionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            introduction = services.introduction_make(
                from_organisation=data["from_organisation"],
                to_organisation=data["to_organisation"],
                from_contact=data["from_contact"],
                to_contact=data["to_contact"],
                note=data["note"],
                actor=user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The two organisations are introduced by e-mail."))
            return redirect(introduction)
    return render(request, "community/introduction_make.html", {"form": form})
