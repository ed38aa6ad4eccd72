"""Intake views: the public application form and its private links, and the leads' calls,
review and decisions. Every object comes through intake/permissions.py."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_countries.fields import Country

from documents import storage as doc_storage
from documents.storage import content_disposition
from mentoring.audit import audit
from mentoring.clientaddr import client_ip
from mentoring.conflicts import EditConflict, rebase_form
from mentoring.markdown import render_markdown
from mentoring.typing import AuthedRequest

from . import mail, permissions, services, throttle
from .forms import (
    ApplicationFilterForm,
    ApplicationForm,
    CallForm,
    DeclineForm,
    ProgrammeTextForm,
    ReviewForm,
    started_token,
)
from .models import Application, Call, ProgrammeText, Review

PER_PAGE = 25
LIMIT_PER_ADDRESS = (3, 3600)  # applications per e-mail address per hour
LIMIT_PER_NETWORK = (10, 3600)  # applications per client network per hour


# The public side ---------------------------------------------------------------------------


def programme_text(language: str | None = None) -> ProgrammeText | None:
    """The page's text in the visitor's language, English when there is none."""
    language = (language or get_language() or "en")[:2]
    texts = {t.language: t for t in ProgrammeText.objects.filter(language__in=[language, "en"])}
    return texts.get(language) or texts.get("en")


def programme_context() -> dict:
    """What the public programme page needs: no personal data, a bounded number of queries."""
    return {
        "text": programme_text(),
        "open_calls": list(Call.objects.open().select_related("cohort")),
    }


def apply(request: HttpRequest, uid) -> HttpResponse:
    call = Call.objects.filter(uid=uid).select_related("cohort").first()
    if call is None:
        raise Http404
    if not call.is_open():
        return render(request, "intake/call_closed.html", {"call": call}, status=410)
    return _apply_form(request, call)


@sensitive_post_parameters("contact_email", "contact_name", "challenge", "hopes")
def _apply_form(request: HttpRequest, call: Call) -> HttpResponse:
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, call=call)
        if form.is_bot:
            return redirect("intake:apply_sent")  # looks like success; nothing is stored
        if form.is_valid():
            email = form.cleaned_data["contact_email"]
            network = throttle.network_of(client_ip(request))
            if not throttle.hit(
                "address", email, limit=LIMIT_PER_ADDRESS[0], window=LIMIT_PER_ADDRESS[1]
            ) or not throttle.hit(  # noqa: E501
                "network", network, limit=LIMIT_PER_NETWORK[0], window=LIMIT_PER_NETWORK[1]
            ):
                form.add_error(
                    None,
                    _(
                        "Too many applications were sent from here in the last hour. Please try again later."
                    ),
                )  # noqa: E501
            else:
                try:
                    services.application_submit(
                        call=call,
                        data=form.application_data(),
                        answers=form.answers(),
                        inspected=form.cleaned_data.get("attachment"),
                    )
                except services.IntakeError as exc:
                    form.add_error(None, exc.message)
                else:
                    return redirect("intake:apply_sent")
    else:
        form = ApplicationForm(
            call=call, initial={"language": get_language()[:2], "started": started_token()}
        )
    return render(request, "intake/apply.html", {"call": call, "form": form})


def apply_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/apply_sent.html")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST confirms (mail scanners open links)."""
    application = services.application_for_token(token, field="confirm_token_hash")
    if application is None:
        return render(request, "intake/link_invalid.html", status=404)
    if request.method == "POST":
        try:
            services.application_confirm(token=token)
        except services.IntakeError as exc:
            return render(
                request,
                "intake/confirm.html",
                {"error": exc.message, "application": application},
                status=409,
            )  # noqa: E501
        return render(request, "intake/confirmed.html", {"application": application})
    if application.confirmed_at:
        return render(
            request,
            "intake/confirm.html",
            {
                "error": _("This address is already confirmed: your application counts."),
                "application": application,
            },
        )  # noqa: E501
    return render(request, "intake/confirm.html", {"application": application})


def read(request: HttpRequest, token: str) -> HttpResponse:
    application = services.application_for_token(token, field="read_token_hash")
    if application is None or not application.confirmed_at:
        return render(request, "intake/link_invalid.html", status=404)
    response = render(request, "intake/read.html", {"application": application})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# The leads' side ---------------------------------------------------------------------------


def _lead(request: HttpRequest) -> None:
    permissions.require(permissions.can_review(request.user))


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    _lead(request)
    calls = (
        permissions.calls_visible_to(request.user)
        .select_related("cohort")
        .annotate(received=Count("applications", filter=_confirmed_q()))
        .order_by("-opens_at")
    )
    page = Paginator(calls, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "intake/call_list.html", {"page_obj": page, "now": timezone.now()})


def _confirmed_q():
    from django.db.models import Q

    return Q(applications__confirmed_at__isnull=False)


@login_required
def call_edit(request: HttpRequest, uid=None) -> HttpResponse:
    _lead(request)
    call = (
        permissions.get_object_for_user(permissions.calls_visible_to(request.user), uid=uid)
        if uid
        else None
    )
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if call is None:
            saved.created_by = request.user
        saved.save()
        audit("call.save", actor=request.user, target=saved, summary=saved.title)
        messages.success(request, _("The call is saved."))
        return redirect("intake:call_applications", uid=saved.uid)
    return render(request, "intake/call_form.html", {"form": form, "call": call})


@login_required
def call_applications(request: HttpRequest, uid) -> HttpResponse:
    _lead(request)
    call = permissions.get_object_for_user(permissions.calls_visible_to(request.user), uid=uid)
    applications = permissions.applications_visible_to(request.user).filter(call=call)
    countries = sorted(
        {
            (cast(Country, a.country).code, cast(Country, a.country).name)
            for a in applications.only("country")
        },
        key=lambda c: c[1],
    )
    form = ApplicationFilterForm(request.GET or None, countries=countries)
    if form.is_valid():
        if status := form.cleaned_data["status"]:
            applications = applications.filter(status=status)
        if country := form.cleaned_data["country"]:
            applications = applications.filter(country=country)
    applications = (
        applications.with_scores()
        .order_by("-submitted_at")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(score__isnull=False).only(
                    "application_id", "lead_id"
                ),
            )  # noqa: E501
        )
    )
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    leads = list(_leads())
    for application in page:
        scored = {r.lead_id for r in application.reviews.all()}
        application.not_scored = [lead for lead in leads if lead.pk not in scored]
    return render(
        request,
        "intake/call_applications.html",
        {"call": call, "page_obj": page, "form": form, "leads": leads},
    )


def _leads():
    from django.contrib.auth import get_user_model

    from mentoring.roles import Role

    return get_user_model().objects.filter(role=Role.LEAD, is_active=True).order_by("full_name")


def _application(request: HttpRequest, uid) -> Application:
    _lead(request)
    return permissions.get_object_for_user(
        permissions.applications_visible_to(request.user).select_related("call", "organisation"),
        uid=uid,
    )


@login_required
def application_detail(request: AuthedRequest, uid) -> HttpResponse:
    application = _application(request, uid)
    mine = Review.objects.filter(application=application, lead=request.user).first()
    form = ReviewForm(
        request.POST or None,
        initial={"score": mine.score, "notes": mine.notes} if mine else None,
    )
    if request.method == "POST" and form.is_valid():
        services.review_save(
            application=application,
            lead=request.user,
            score=form.cleaned_data["score"],
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, _("Your review is saved."))
        return redirect("intake:application_detail", uid=application.uid)
    reviews = application.reviews.select_related("lead").order_by("lead__full_name")
    return render(
        request,
        "intake/application_detail.html",
        {"application": application, "form": form, "reviews": reviews},
    )


@require_POST
@login_required
def application_status(request: HttpRequest, uid) -> HttpResponse:
    application = _application(request, uid)
    try:
        services.application_set_status(
            application=application, actor=request.user, status=request.POST.get("status", "")
        )
    except services.IntakeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The status is saved."))
    return redirect("intake:application_detail", uid=application.uid)


@require_POST
@login_required
def application_accept(request: HttpRequest, uid) -> HttpResponse:
    application = _application(request, uid)
    try:
        organisation = services.application_accept(application=application, actor=request.user)
    except services.IntakeError as exc:
        messages.error(request, exc.message)
        return redirect("intake:application_detail", uid=application.uid)
    messages.success(
        request,
        _("%(name)s is now an organisation of the programme; its contact person is invited.")
        % {"name": organisation.name},
    )
    return redirect(organisation)


@login_required
def application_decline(request: HttpRequest, uid) -> HttpResponse:
    application = _application(request, uid)
    form = DeclineForm(request.POST or None, initial={"message": mail.decline_text(application)})
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decline(
                application=application, actor=request.user, message=form.cleaned_data["message"]
            )
        except services.IntakeError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The application is declined and the message is sent."))
        return redirect("intake:application_detail", uid=application.uid)
    return render(
        request, "intake/application_decline.html", {"application": application, "form": form}
    )  # noqa: E501


@login_required
def application_attachment(request: HttpRequest, uid) -> FileResponse:
    application = _application(request, uid)
    if not application.attachment_key:
        raise Http404
    stored = doc_storage.get_storage().open(application.attachment_key, "rb")
    response = FileResponse(stored, content_type=application.attachment_type)
    response["Content-Disposition"] = content_disposition(application.attachment_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def programme_edit(request: HttpRequest, language: str) -> HttpResponse:
    permissions.require(permissions.can_edit_programme_page(request.user))
    if language not in dict(settings.LANGUAGES):
        raise Http404
    text = services.programme_text_for(language)
    form = ProgrammeTextForm(request.POST or None, instance=text, initial={"version": text.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_text_save(
                text=text,
                actor=request.user,
                version=form.cleaned_data.get("version"),
                data={f: form.cleaned_data[f] for f in ("offer", "funders", "links")},
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(request, _("The programme page is saved."))
            return redirect(reverse("portal:home"))
    preview = render_markdown(form["offer"].value() or "")
    return render(
        request,
        "intake/programme_form.html",
        {"form": form, "language": language, "preview": preview, "conflict": conflict},
    )
