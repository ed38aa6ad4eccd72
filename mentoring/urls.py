from django.urls import path

from .views import mentorships, organisations, sessions

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
    path("mentoring/", mentorships.mentorship_list, name="mentorship_list"),
    path("mentoring/new/", mentorships.mentorship_create, name="mentorship_create"),
    path("mentoring/<int:pk>/", mentorships.mentorship_detail, name="mentorship_detail"),
    path("mentoring/<int:pk>/edit/", mentorships.mentorship_edit, name="mentorship_edit"),
    path("mentoring/<int:pk>/goals/new/", mentorships.goal_create, name="goal_create"),
    path("mentoring/goals/<int:pk>/edit/", mentorships.goal_edit, name="goal_edit"),
    path("mentoring/<int:pk>/check-ins/<slug:stage>/", mentorships.check_in, name="check_in"),
    path("mentoring/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("mentoring/sessions/", sessions.session_list, name="session_list"),
    path("mentoring/sessions/export.csv", sessions.session_export_csv, name="session_export"),
    path("mentoring/sessions/print/", sessions.session_print, name="session_print"),
    path("mentoring/sessions/trash/", sessions.session_trash_list, name="session_trash"),
    path("mentoring/sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("mentoring/sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("mentoring/sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path("mentoring/sessions/<int:pk>/restore/", sessions.session_restore, name="session_restore"),
    path("mentoring/action-items/", sessions.action_item_list, name="action_item_list"),
    path(
        "mentoring/action-items/<int:pk>/done/",
        sessions.action_item_toggle,
        name="action_item_toggle",
    ),
    # Community meetings: see views/meetings.py
]
