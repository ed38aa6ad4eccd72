from django.urls import path

from .views import organisations

app_name = "mentoring"

urlpatterns = [
    # Organisations and the directory
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisations/<slug:slug>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<slug:slug>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/logo/",
        organisations.organisation_logo,
        name="organisation_logo",
    ),
    # Mentorships, sessions, action items, goals, check-ins: see views/sessions.py
    # Community meetings: see views/meetings.py
]
