"""Session logs, their action items, the trash, and the exports of a session history."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports, permissions, spreadsheets
from ..audit import audit
from ..confidential import confidential
from ..conflicts import EditConflict, rebase_form
from ..forms.sessions import (
    ActionItemFilterForm,
    SessionFilterForm,
    SessionForm,
    action_item_formset,
)
from ..http import safe_next
from ..models import ActionItem, Organisation, Session
from ..roles import Role
from ..services import sessions as services
from ..typing import AuthedRequest
from .mentorships import _mentorship_for

PRINT_PAGE = 50  # sessions per printable page: a long history stays light on a slow link


def _filter_form(request: HttpRequest) -> SessionFilterForm:
    """Filters limited to the organisations and mentors of the person's mentorships."""
    user = request.user
    mentorships = permissions.mentorships_visible_to(user)
    organisations = Organisation.objects.filter(
        pk__in=mentorships.values("organisation_id")
    ).order_by("name")
    mentors = (
        get_user_model()
        .objects.filter(role=Role.MENTOR, mentorships__in=mentorships)
        .distinct()
        .order_by("full_name")
    )
    return SessionFilterForm(request.GET or None, organisations=organisations, mentors=mentors)


def filtered_sessions(request: HttpRequest):
    form = _filter_form(request)
    sessions = form.filter(
        permissions.sessions_visible_to(request.user),
        search_private=permissions.private_notes_readable_q(request.user),
    )
    return form, sessions


@login_required
def session_list(request: AuthedRequest) -> HttpResponse:
    form, sessions = filtered_sessions(request)
    totals = sessions.with_totals()
    rows = (
        sessions.select_related("mentorship__organisation", "author")
        .prefetch_related("topics")
        .annotate(open_items=Count("action_items", filter=Q(action_items__done_at__isnull=True)))
        .order_by("-started_at", "-pk")
    )
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "mentoring/sessions/session_list.html",
        {
            "form": form,
            "page_obj": page,
            "totals": totals,
            "query": query.urlencode(),
            "is_lead": permissions.is_lead(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _session_for(user, pk: int) -> Session:
    return permissions.get_object_for_user(
        permissions.sessions_visible_to(user).select_related(
            "mentorship__organisation", "author", "updated_by"
        ),
        pk=pk,
    )


@login_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    session = permissions.get_object_for_user(
        permissions.sessions_visible_to(user)
        .select_related("mentorship__organisation", "author", "updated_by")
        .prefetch_related(
            "attendees",
            "topics",
            "goals",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner_person")),
        ),
        pk=pk,
    )
    return render(
        request,
        "mentoring/sessions/session_detail.html",
        {
            "session": session,
            "mentorship": session.mentorship,
            "can_open_mentorship": permissions.mentorships_visible_to(user)
            .filter(pk=session.mentorship_id)
            .exists(),
            "show_private": permissions.can_see_private_notes(user, session),
            "can_edit": permissions.can_edit_session(user, session),
            "can_delete": permissions.can_delete_session(user, session),
            "can_tick": permissions.can_edit_goal(user, session.mentorship),
        },
    )


def _save_error(form, exc: ValidationError) -> None:
    form.add_error(None, exc)


def _usual_settings(mentorship) -> dict:
    """The common case in under a minute: start from how the last session was held."""
    initial = {"date": timezone.localdate(), "duration_minutes": 60}
    last = (
        Session.objects.filter(mentorship=mentorship)
        .prefetch_related("attendees")
        .order_by("-started_at")
        .first()
    )
    if last is not None:
        initial.update(
            {
                "duration_minutes": last.duration_minutes,
                "format": last.format,
                "location": last.location,
                "start_time": timezone.localtime(last.started_at)
                .time()
                .replace(second=0, microsecond=0),
                "attendees": [p for p in last.attendees.all() if p.is_active],
            }
        )
    return initial


@login_required
@confidential
def session_create(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    mentorship = _mentorship_for(user, pk)
    permissions.require(permissions.can_log_session(user, mentorship))
    data = request.POST if request.method == "POST" else None
    form = SessionForm(data, mentorship=mentorship, initial=_usual_settings(mentorship))
    items = action_item_formset(data, mentorship=mentorship)
    if data is not None and form.is_valid() and items.is_valid():
        try:
            session = services.session_log(
                mentorship=mentorship,
                author=user,
                data=form.session_data(),
                attendees=form.cleaned_data["attendees"],
                topics=form.cleaned_data["topics"],
                goals=form.cleaned_data["goals"],
                items=items.items(),
            )
        except ValidationError as exc:
            _save_error(form, exc)
        else:
            messages.success(
                request,
                _("The session is logged; the members of %(org)s are told by e-mail.")
                % {"org": mentorship.organisation.short_name},
            )
            return redirect(session)
    return render(
        request,
        "mentoring/sessions/session_form.html",
        {"form": form, "items": items, "mentorship": mentorship},
    )


@login_required
@confidential
def session_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    session = _session_for(user, pk)
    mentorship = session.mentorship
    permissions.require(permissions.can_edit_session(user, session))
    data = request.POST if request.method == "POST" else None
    form = SessionForm(data, mentorship=mentorship, session=session)
    items = action_item_formset(data, mentorship=mentorship, session=session)
    conflict = None
    if data is not None and form.is_valid() and items.is_valid():
        try:
            session = services.session_update(
                session=session,
                actor=user,
                version=form.cleaned_data.get("version"),
                data=form.session_data(),
                attendees=form.cleaned_data["attendees"],
                topics=form.cleaned_data["topics"],
                goals=form.cleaned_data["goals"],
                items=items.items(),
            )
        except EditConflict as exc:
            rebase_form(form, exc)
            conflict = (
                Session.objects.select_related("updated_by")
                .prefetch_related("topics", "action_items__owner_person")
                .get(pk=exc.current.pk)
            )
        except ValidationError as exc:
            _save_error(form, exc)
        else:
            messages.success(request, _("The session log is saved."))
            return redirect(session)
    return render(
        request,
        "mentoring/sessions/session_form.html",
        {
            "form": form,
            "items": items,
            "mentorship": mentorship,
            "session": session,
            "conflict": conflict,
            "show_private": True,
        },
    )


@login_required
def session_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Move a log to the trash (a lead can restore it)."""
    user = request.user
    session = _session_for(user, pk)
    permissions.require(permissions.can_delete_session(user, session))
    if request.method == "POST":
        services.session_trash(session=session, actor=user)
        messages.success(
            request, _("The session log is in the trash; a programme lead can restore it.")
        )
        return redirect(session.mentorship)
    return render(request, "mentoring/sessions/session_delete.html", {"session": session})


@login_required
def session_trash_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    permissions.require(permissions.can_restore_session(user))
    trashed = (
        permissions.trashed_sessions_visible_to(user)
        .select_related("mentorship__organisation", "author", "deleted_by")
        .order_by("-deleted_at")
    )
    page = Paginator(trashed, 25).get_page(request.GET.get("page"))
    return render(request, "mentoring/sessions/session_trash.html", {"page_obj": page})


@require_POST
@login_required
def session_restore(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    permissions.require(permissions.can_restore_session(user))
    session = permissions.get_object_for_user(
        permissions.trashed_sessions_visible_to(user).select_related("mentorship__organisation"),
        pk=pk,
    )
    services.session_restore(session=session, actor=user)
    messages.success(request, _("The session log is restored."))
    return redirect("mentoring:session_detail", pk=session.pk)


# --- Action items ----------------------------------------------------------------------------


@login_required
def action_item_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    organisations = Organisation.objects.filter(
        pk__in=permissions.mentorships_visible_to(user).values("organisation_id")
    ).order_by("name")
    form = ActionItemFilterForm(request.GET or None, organisations=organisations)
    items = (
        form.filter(permissions.action_items_visible_to(user))
        .select_related("session__mentorship__organisation", "owner_person", "done_by")
        .order_by("done_at", "due_date", "pk")
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mentoring/sessions/action_item_list.html",
        {"form": form, "page_obj": page, "next": request.get_full_path()},
    )


@require_POST
@login_required
def action_item_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    """Tick an item off (done=1) or reopen it (done=0). htmx swaps the row; without JavaScript
    the person comes back to the page they were on."""
    user = request.user
    item = permissions.get_object_for_user(
        permissions.action_items_visible_to(user).select_related(
            "session__mentorship__organisation", "owner_person"
        ),
        pk=pk,
    )
    permissions.require(permissions.can_tick_action_item(user, item))
    done = request.POST.get("done") == "1"
    item = services.action_item_set_done(item=item, actor=user, done=done)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "mentoring/sessions/_action_item.html",
            {
                "item": item,
                "can_tick": True,
                "next": safe_next(request, ""),
                "show_session": bool(request.POST.get("show_session")),
            },
        )
    messages.success(
        request,
        _("Marked as done: %(text)s") % {"text": item.text}
        if done
        else _("Reopened: %(text)s") % {"text": item.text},
    )
    return redirect(safe_next(request, item.session.get_absolute_url()))


# --- Exports ---------------------------------------------------------------------------------


def _export_rows(request: HttpRequest):
    form, sessions = filtered_sessions(request)
    return form, (
        sessions.select_related("mentorship__organisation", "author")
        .prefetch_related(
            "attendees",
            "topics",
            "goals",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner_person")),
        )
        .order_by("started_at", "pk")
    )


@login_required
def session_export_csv(request: AuthedRequest) -> HttpResponse:
    """A session history as CSV, in the viewer's timezone; private notes only for the people
    who may read them."""
    user = request.user
    permissions.require(permissions.can_export_sessions(user))
    form, sessions = _export_rows(request)
    include_private = permissions.may_read_some_private_notes(user)
    audit(
        "session.export",
        actor=user,
        organisation=form.cleaned_data.get("organisation") if form.is_valid() else None,
        summary=request.GET.urlencode()[:300],
        private_notes=include_private,
    )
    return exports.sessions_csv(
        sessions.iterator(chunk_size=200),
        private_notes=(lambda s: permissions.can_see_private_notes(user, s))
        if include_private
        else None,
        layout=spreadsheets.layout_from(request),
    )


@login_required
def session_print(request: AuthedRequest) -> HttpResponse:
    user = request.user
    permissions.require(permissions.can_export_sessions(user))
    form, sessions = _export_rows(request)
    totals = sessions.with_totals()
    paginator = Paginator(sessions, PRINT_PAGE)
    paginator.count = totals["count"]  # already counted: spares a query
    page = paginator.get_page(request.GET.get("page"))
    for session in page.object_list:
        session.show_private = permissions.can_see_private_notes(user, session)
    response = render(
        request,
        "mentoring/sessions/session_print.html",
        {"form": form, "sessions": page.object_list, "page_obj": page, "totals": totals},
    )  # An export, possibly with private notes: never kept by the browser or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response
