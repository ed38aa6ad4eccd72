from django.urls import path

from .views import meetings, mentorships, organisations, sessions

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
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/archive/", meetings.meeting_archive, name="meeting_archive"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<uuid:uid>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:uid>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:uid>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<uuid:uid>/answer/", meetings.meeting_answer, name="meeting_answer"),
    path("meetings/<uuid:uid>/remind/", meetings.meeting_remind, name="meeting_remind"),
    path("meetings/<uuid:uid>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<uuid:uid>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<uuid:uid>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("calendar/<str:token>.ics", meetings.calendar_feed, name="calendar_feed"),
    path(
        "calendar/regenerate/",
        meetings.calendar_feed_regenerate,
        name="calendar_feed_regenerate",
    ),
    path("calendar/revoke/", meetings.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("calendar/new/", meetings.calendar_feed_created, name="calendar_feed_created"),
]
