"""The pages the benchmark measures, per role, with the identifiers they need.

`plan(context)` turns the list into concrete paths for one built database; `context()` reads
the few identifiers from it (the member's organisation, one of its sessions, documents and
meetings, the last page of the lead's session list). A page that does not resolve (an app not
installed yet) is skipped with a note, never silently measured as something else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import NoReverseMatch, reverse

from . import synth

ROLES = {"lead": synth.LEAD_EMAIL, "mentor": synth.MENTOR_EMAIL, "member": synth.MEMBER_EMAIL}


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: Callable[[dict[str, Any]], str]
    form: dict[str, str] | None = None  # posted (with the CSRF token) instead of a GET


def _r(name: str, *args: Any, query: str = "") -> Callable[[dict[str, Any]], str]:
    def build(ctx: dict[str, Any]) -> str:
        resolved = [ctx[a[1:]] if isinstance(a, str) and a.startswith("@") else a for a in args]
        return reverse(name, args=resolved) + (("?" + query.format(**ctx)) if query else "")

    return build


PAGES: list[Page] = [
    *(Page("home", role, _r("portal:home")) for role in ROLES),
    *(Page("directory", role, _r("mentoring:organisation_list")) for role in ROLES),
    Page("organisation", "member", _r("mentoring:organisation_detail", "@org_slug")),
    *(Page("mentorship", role, _r("mentoring:mentorship_detail", "@mentorship")) for role in ROLES),
    *(Page("session list", role, _r("mentoring:session_list")) for role in ROLES),
    Page("session list, last page", "lead", _r("mentoring:session_list", query="page={last_page}")),
    *(Page("session detail", role, _r("mentoring:session_detail", "@session")) for role in ROLES),
    Page("session form", "mentor", _r("mentoring:session_create", "@mentor_mentorship")),
    *(Page("action items", role, _r("mentoring:action_item_list")) for role in ROLES),
    *(Page("documents index", role, _r("documents:index")) for role in ROLES),
    *(
        Page("document space", role, _r("documents:space", "@org_slug"))
        for role in ("lead", "member")
    ),
    *(
        Page("document search", role, _r("documents:index", query="q=integrity"))
        for role in ("lead", "member")
    ),
    Page("document detail", "member", _r("documents:detail", "@document")),
    *(Page("meetings", role, _r("mentoring:meeting_list")) for role in ROLES),
    Page("meeting detail", "member", _r("mentoring:meeting_detail", "@meeting")),
    Page(
        "planner, check times",
        "lead",
        _r("mentoring:meeting_create"),
        form={
            "start_date": "{next_month}",
            "start_time": "14:00",
            "end_time": "16:00",
            "timezone": "Europe/Zurich",
            "audience": "community",
        },
    ),
    Page("dashboard", "lead", _r("portal:dashboard")),
    Page("funder report", "lead", _r("portal:funder_report")),
    Page("funder report CSV", "lead", _r("portal:funder_report_download", "csv")),
    Page("funder report XLSX", "lead", _r("portal:funder_report_download", "xlsx")),
    Page("year in review", "lead", _r("portal:year_review", "@year")),
    Page("timeline", "lead", _r("portal:timeline", "@org_slug")),
    Page("space audit log", "member", _r("documents:log", "@org_slug")),
    # The admin changelists each portal page must beat.
    Page("admin sessions", "lead", _r("admin:mentoring_session_changelist")),
    Page("admin documents", "lead", _r("admin:documents_document_changelist")),
    Page("admin audit entries", "lead", _r("admin:mentoring_auditentry_changelist")),
]

FLOOR = Page("floor", "member", _r("bench_floor"))


def context() -> dict[str, Any]:
    """The identifiers the pages need, read from the built database."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from documents.models import Document
    from mentoring.models import Meeting, Membership, Mentorship, Session

    member = get_user_model().objects.get(email=synth.MEMBER_EMAIL)
    mentor = get_user_model().objects.get(email=synth.MENTOR_EMAIL)
    org = Membership.objects.filter(user=member).select_related("organisation").first().organisation
    mentorship = Mentorship.objects.filter(organisation=org).first()
    sessions = Session.objects.filter(mentorship__organisation=org)
    return {
        "org_slug": org.slug,
        "mentorship": mentorship.pk,
        "mentor_mentorship": Mentorship.objects.filter(mentors=mentor).first().pk,
        "session": sessions.order_by("-started_at").first().pk,
        "document": Document.objects.filter(organisation=org).first().public_id,
        "meeting": Meeting.objects.filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
        .uid,
        "last_page": max(1, -(-Session.objects.count() // 25)),
        "year": timezone.now().year - 1,
        "next_month": (timezone.now() + timedelta(days=30)).date().isoformat(),
    }


def plan(ctx: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Concrete `{"name", "role", "path"}` rows, and notes on pages that do not resolve."""
    rows, notes = [], []
    for page in PAGES:
        try:
            row: dict[str, Any] = {"name": page.name, "role": page.role, "path": page.path(ctx)}
            if page.form is not None:
                row["form"] = {k: v.format(**ctx) for k, v in page.form.items()}
            rows.append(row)
        except NoReverseMatch as exc:
            notes.append(f"{page.name} ({page.role}): not measured, {exc}")
    return rows, notes
