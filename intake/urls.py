from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    # Public: no sign-in.
    path("apply/sent/", views.apply_sent, name="apply_sent"),
    path("apply/confirm/<str:token>/", views.confirm, name="confirm"),
    path("apply/read/<str:token>/", views.read, name="read"),
    path("apply/<uuid:uid>/", views.apply, name="apply"),
    # Leads.
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
