"""Meeting lists: upcoming meetings and the archive."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ... import permissions
from ...forms.meetings import (
    ArchiveFilterForm,
)
from .common import PER_PAGE, _with_my_answer


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
