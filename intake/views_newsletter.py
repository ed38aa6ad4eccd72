"""Newsletter views: the public sign-up, confirmation and one-click unsubscribe, and the
leads' issues and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mentoring.audit import audit
from mentoring.clientaddr import client_ip
from mentoring.conflicts import EditConflict, rebase_form

from . import newsletter, permissions, throttle
from .forms import IssueForm, SubscribeForm
from .models import NewsletterIssue, Subscriber, hash_token
from .services import IntakeError

LIMIT_PER_NETWORK = (10, 3600)


def subscribe(request: HttpRequest) -> HttpResponse:
    consent = newsletter.consent_text()
    form = SubscribeForm(
        request.POST or None, consent_text=consent, initial={"language": get_language()[:2]}
    )
    if request.method == "POST":
        if form.is_bot:
            return render(request, "intake/newsletter_sent.html")
        if form.is_valid():
            network = throttle.network_of(client_ip(request))
            if not throttle.hit(
                "newsletter", network, limit=LIMIT_PER_NETWORK[0], window=LIMIT_PER_NETWORK[1]
            ):  # noqa: E501
                form.add_error(
                    None, _("Too many sign-ups from here in the last hour. Please try again later.")
                )  # noqa: E501
            else:
                newsletter.subscribe(
                    email=form.cleaned_data["email"], language=form.cleaned_data["language"]
                )
                return render(request, "intake/newsletter_sent.html")
    return render(request, "intake/newsletter.html", {"form": form})


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = Subscriber.objects.filter(confirm_token_hash=hash_token(token)).first()
    if subscriber is None:
        return render(request, "intake/link_invalid.html", status=404)
    context: dict = {"subscriber": subscriber}
    status = 200
    if request.method == "POST":
        try:
            newsletter.confirm(token=token)
            context["done"] = True
        except IntakeError as exc:
            context["error"], status = exc.message, 409
    elif subscriber.confirmed_at:
        context["error"] = _("Your subscription is already confirmed.")
    return render(request, "intake/newsletter_confirm.html", context, status=status)


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail clients POST here; the token is the key
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = newsletter.subscriber_for_unsubscribe(token)
    except IntakeError:
        return render(request, "intake/link_invalid.html", status=404)
    if request.method == "POST":
        done = newsletter.unsubscribe(token=token)
        return render(
            request, "intake/newsletter_unsubscribe.html", {"done": done, "gone": not done}
        )
    return render(request, "intake/newsletter_unsubscribe.html", {"gone": subscriber is None})


@login_required
def admin(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_review(request.user))
    issues = Paginator(NewsletterIssue.objects.order_by("-created_at"), 20).get_page(
        request.GET.get("page")
    )  # noqa: E501
    confirmed = Subscriber.objects.filter(confirmed_at__isnull=False).count()
    return render(
        request, "intake/newsletter_admin.html", {"page_obj": issues, "confirmed": confirmed}
    )  # noqa: E501


@login_required
def export(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_review(request.user))
    audit("newsletter.export", actor=request.user)
    response = HttpResponse(newsletter.export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsletter-subscribers.csv"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def issue_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_review(request.user))
    issue = newsletter.draft(actor=request.user)
    messages.success(request, _("A draft is ready: edit it, then send it."))
    return redirect("intake:issue_edit", pk=issue.pk)


def _issue(request: HttpRequest, pk: int) -> NewsletterIssue:
    permissions.require(permissions.can_review(request.user))
    return permissions.get_object_for_user(NewsletterIssue.objects.all(), pk=pk)


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    form = IssueForm(request.POST or None, instance=issue, initial={"version": issue.version})
    editable = issue.status == NewsletterIssue.Status.DRAFT
    conflict = None
    if request.method == "POST" and editable and form.is_valid():
        try:
            newsletter.issue_update(
                issue=issue,
                actor=request.user,
                version=form.cleaned_data.get("version"),
                data={f: form.cleaned_data[f] for f in IssueForm.Meta.fields},
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(request, _("The issue is saved."))
            return redirect("intake:issue_edit", pk=issue.pk)
    sent = issue.deliveries.filter(sent_at__isnull=False).count()
    return render(
        request,
        "intake/issue_form.html",
        {"form": form, "issue": issue, "editable": editable, "sent": sent, "conflict": conflict},
    )


@require_POST
@login_required
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    try:
        newsletter.issue_send(issue=issue, actor=request.user)
    except IntakeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The issue is being sent in batches."))
    return redirect("intake:issue_edit", pk=issue.pk)
