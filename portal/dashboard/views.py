"""The programme leads' dashboard, funder report and year in review (leads only), and the
organisation timeline (the organisation's insiders)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.selectors import introductions_made, unexplored_pairs
from mentoring import permissions as mentoring_permissions
from mentoring import spreadsheets
from mentoring.audit import audit
from mentoring.models import Meeting, Organisation
from mentoring.typing import AuthedRequest

from .. import permissions
from ..models import Highlight
from . import attention, reports, services
from . import figures as fig
from .charts import Bar, Chart
from .filters import Scope, ScopeForm
from .timeline import events_for

ACTIVITY_ROWS = 12


def _require_lead(request: HttpRequest) -> None:
    permissions.require(permissions.can_see_dashboard(request.user))


def _scope_from(request: HttpRequest) -> tuple[ScopeForm, Scope]:
    form = ScopeForm(request.GET)
    scope, fell_back = form.scope()
    if fell_back:
        messages.warning(
            request, _("The custom dates could not be used; showing this quarter instead.")
        )
    return form, scope


def _month_charts(figures: fig.Figures) -> list[Chart]:
    months = [(date_format(m.month, "YEAR_MONTH_FORMAT"), m) for m in figures.months]
    return [
        Chart(
            "chart-sessions",
            _("Sessions per month"),
            _("Number of mentoring sessions logged per month."),
            [Bar(label, m.sessions) for label, m in months],
            _("Sessions"),
            _("Month"),
        ),
        Chart(
            "chart-hours",
            _("Mentoring hours per month"),
            _("Hours of mentoring sessions per month."),
            [Bar(label, m.hours) for label, m in months],
            _("Hours"),
            _("Month"),
        ),
    ]


def _attendance_chart(figures: fig.Figures) -> Chart:
    bars = []
    for meeting in figures.meetings:
        rate = round(100 * meeting.attended / meeting.invited) if meeting.invited else 0
        label = f"{meeting.title} ({date_format(timezone.localtime(meeting.starts_at), 'SHORT_DATE_FORMAT')})"
        text = _("%(attended)d of %(invited)d (%(rate)d %%)") % {
            "attended": meeting.attended,
            "invited": meeting.invited,
            "rate": rate,
        }
        bars.append(Bar(label, rate, text))
    return Chart(
        "chart-attendance",
        _("Attendance per meeting"),
        _("Share of the invited organisations that attended each meeting held."),
        bars,
        _("Organisations attending"),
        _("Meeting"),
    )


def _activity_chart(organisations) -> Chart:
    bars = [
        Bar(
            org.short_name,
            fig.hours(org.session_minutes),
            _("%(hours)s h, %(sessions)d sessions")
            % {"hours": fig.hours(org.session_minutes), "sessions": org.session_count},
            reverse("portal:timeline", args=[org.slug]),
        )
        for org in organisations
    ]
    return Chart(
        "chart-organisations",
        _("Activity per organisation"),
        _("Mentoring hours per organisation, the most active first."),
        bars,
        _("Mentoring"),
        _("Organisation"),
    )


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    _require_lead(request)
    form, scope = _scope_from(request)
    figures = fig.compute(scope)
    activity = list(fig.organisation_activity(scope)[:ACTIVITY_ROWS])
    charts = [*_month_charts(figures), _attendance_chart(figures), _activity_chart(activity)]
    return render(
        request,
        "portal/dashboard/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "figures": figures,
            "charts": charts,
            "attention": attention.sections(scope),
            "synergy_pairs": unexplored_pairs(),
            "query": request.GET.urlencode(),
        },
    )


# --- Reports ---------------------------------------------------------------------------------


def _filename(scope: Scope, extension: str) -> str:
    parts = ["funder-report", scope.slug()]
    if scope.cohort is not None:
        parts.append(f"cohort-{scope.cohort.pk}")
    if scope.country:
        parts.append(scope.country.lower())
    return "_".join(parts) + f".{extension}"


@login_required
def funder_report(request: AuthedRequest, fmt: str = "html") -> HttpResponse:
    _require_lead(request)
    if fmt not in {"html", "csv", "xlsx"}:
        raise Http404
    form, scope = _scope_from(request)
    report = reports.build(scope)
    layout = spreadsheets.layout_from(request)
    if fmt == "csv":
        response = HttpResponse(
            reports.as_csv(report, layout), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            reports.as_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        return render(
            request,
            "portal/reports/funder.html",
            {
                "form": form,
                "scope": scope,
                "report": report,
                "tables": report.tables(),
                "query": request.GET.urlencode(),
            },
        )
    filename = _filename(scope, fmt)
    if fmt == "csv" and layout == "spreadsheet":
        filename = filename.replace(".csv", "_spreadsheet.csv")
    # Exports leave the portal: who took which one is kept in the audit log.
    audit("report.download", actor=request.user, summary=filename)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _year_scope(year: int) -> Scope:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404
    return Scope(first_day=date(year, 1, 1), last_day=date(year, 12, 31))


def _highlight_candidates(scope: Scope, year: int):
    return (
        fig.sessions_in(scope)
        .exclude(summary="")
        .select_related("mentorship__organisation", "author")
        .annotate(featured=Exists(Highlight.objects.filter(session=OuterRef("pk"), year=year)))
        .order_by("started_at", "pk")
    )


@login_required
def year_review(request: AuthedRequest, year: int) -> HttpResponse:
    _require_lead(request)
    scope = _year_scope(year)
    new_organisations = (
        Organisation.objects.listed()
        .filter(Q(cohort__year=year) | Q(cohort__isnull=True, **_in_year("created_at", scope)))
        .select_related("cohort")
        .order_by("name")
    )
    sessions = fig.sessions_in(scope).aggregate(n=Count("pk"), minutes=Sum("duration_minutes"))
    meetings_held = Meeting.objects.filter(
        scope.period_q("starts_at"), cancelled_at__isnull=True, ends_at__lt=timezone.now()
    ).count()
    documents_added = fig.documents_in(scope).filter(scope.period_q("created_at")).count()
    highlights = (
        Highlight.objects.filter(year=year, session__deleted_at__isnull=True)
        .select_related("session__mentorship__organisation")
        .order_by("session__started_at")
    )
    candidates = Paginator(_highlight_candidates(scope, year), 10).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/reports/year.html",
        {
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1 if year < timezone.localdate().year else None,
            "new_organisations": new_organisations,
            "sessions": sessions["n"],
            "hours": fig.hours(sessions["minutes"]),
            "meetings_held": meetings_held,
            "documents_added": documents_added,
            "introductions_made": introductions_made(scope),
            "highlights": highlights,
            "page_obj": candidates,
        },
    )


def _in_year(field: str, scope: Scope) -> dict:
    return {f"{field}__gte": scope.start, f"{field}__lt": scope.end}


@require_POST
@login_required
def highlight_toggle(request: AuthedRequest, year: int) -> HttpResponse:
    _require_lead(request)
    scope = _year_scope(year)
    session = permissions.get_object_for_user(
        fig.sessions_in(scope).exclude(summary="").select_related("mentorship__organisation"),
        pk=_int(request.POST.get("session")),
    )
    if request.POST.get("action") == "unfeature":
        services.highlight_unfeature(session=session, year=year, actor=request.user)
        messages.success(request, _("The summary is no longer a highlight of the year."))
    else:
        services.highlight_feature(session=session, year=year, actor=request.user)
        messages.success(request, _("The summary is now a highlight of the year."))
    url = reverse("portal:year_review", args=[year])
    page = _int(request.POST.get("page"))
    return redirect(f"{url}?page={page}#choose" if page > 1 else f"{url}#choose")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# --- Organisation timeline -------------------------------------------------------------------


@login_required
def timeline(request: AuthedRequest, slug: str) -> HttpResponse:
    """Leads and the organisation's mentors and members; members never see private notes."""
    user = request.user
    organisation = permissions.get_object_for_user(
        mentoring_permissions.organisations_visible_to(user), slug=slug
    )
    permissions.require(permissions.can_see_timeline(user, organisation))
    page = Paginator(events_for(user, organisation), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/dashboard/timeline.html",
        {"organisation": organisation, "page_obj": page},
    )
