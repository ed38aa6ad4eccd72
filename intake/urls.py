from django.urls import path

from . import views, views_newsletter

app_name = "intake"

urlpatterns = [
    # Public: no sign-in.
    path("apply/sent/", views.apply_sent, name="apply_sent"),
    path("apply/confirm/<str:token>/", views.confirm, name="confirm"),
    path("apply/read/<str:token>/", views.read, name="read"),
    path("apply/<uuid:uid>/", views.apply, name="apply"),
    path("newsletter/", views_newsletter.subscribe, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views_newsletter.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views_newsletter.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    # Leads.
    path("intake/newsletter/", views_newsletter.admin, name="newsletter_admin"),
    path("intake/newsletter/subscribers.csv", views_newsletter.export, name="newsletter_export"),
    path("intake/newsletter/issues/new/", views_newsletter.issue_create, name="issue_create"),
    path("intake/newsletter/issues/<int:pk>/", views_newsletter.issue_edit, name="issue_edit"),
    path("intake/newsletter/issues/<int:pk>/send/", views_newsletter.issue_send, name="issue_send"),
    path("intake/calls/", views.call_list, name="call_list"),
    path("intake/calls/new/", views.call_edit, name="call_create"),
    path("intake/calls/<uuid:uid>/", views.call_applications, name="call_applications"),
    path("intake/calls/<uuid:uid>/edit/", views.call_edit, name="call_edit"),
    path("intake/applications/<uuid:uid>/", views.application_detail, name="application_detail"),
    path(
        "intake/applications/<uuid:uid>/status/",
        views.application_status,
        name="application_status",
    ),  # noqa: E501
    path(
        "intake/applications/<uuid:uid>/accept/",
        views.application_accept,
        name="application_accept",
    ),  # noqa: E501
    path(
        "intake/applications/<uuid:uid>/decline/",
        views.application_decline,
        name="application_decline",
    ),  # noqa: E501
    path(
        "intake/applications/<uuid:uid>/attachment/",
        views.application_attachment,
        name="application_attachment",
    ),  # noqa: E501
    path("intake/programme/<str:language>/", views.programme_edit, name="programme_edit"),
]
