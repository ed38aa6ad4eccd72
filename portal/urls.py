from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from . import health, views
from .dashboard import views as dashboard

portal_patterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("people/<int:user_id>/picture/", views.avatar, name="avatar"),
    path("language/", views.set_language, name="set_language"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("join/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("reports/funder/", dashboard.funder_report, name="funder_report"),
    path(
        "reports/funder/<str:fmt>/",
        dashboard.funder_report,
        name="funder_report_download",
    ),
    path("reports/year/<int:year>/", dashboard.year_review, name="year_review"),
    path(
        "reports/year/<int:year>/highlights/",
        dashboard.highlight_toggle,
        name="highlight_toggle",
    ),
    path("timeline/<slug:slug>/", dashboard.timeline, name="timeline"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    # Answered by portal.health.HealthCheckMiddleware before any other middleware; listed here
    # so that they have names and appear in the permission matrix.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include((portal_patterns, "portal"))),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("mentoring.urls")),
    path("documents/", include("documents.urls")),
    path("", include("intake.urls")),
    path("community/", include("community.urls")),
]

if settings.PORTAL_BENCH_FLOOR:  # the benchmark's reference page; see bench/README.md
    from bench.views import floor

    urlpatterns.append(path("__bench/floor/", floor, name="bench_floor"))
