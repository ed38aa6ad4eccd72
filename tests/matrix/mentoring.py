"""Rows of the mentoring app: organisations, mentorships, goals, check-ins, sessions, action
items."""

from mentoring.models import ActionItem, CheckIn, Goal, Mentorship, Organisation, Session

from ..mentoring.test_organisations import _edit_payload as organisation_payload
from ..mentoring.test_sessions import _edit_payload as session_edit_payload
from ..mentoring.test_sessions import payload as session_payload
from ..permissions import (
    EVERYONE,
    INSIDERS_A,
    LEAD_ONLY,
    LEAD_ONLY_OF_A,
    MENTOR_A_ONLY,
    NOBODY,
    Row,
    count,
    expect,
    posted,
    values,
)

# Check-ins are answered by the two sides of a mentorship: its organisation and its mentors.
ANSWERERS_OF_A = INSIDERS_A | {"lead": 403}
# A session log is deleted by its mentors and the leads; the organisation reads it.
SESSION_DELETERS = INSIDERS_A | {"admin_a": 403, "member_a": 403}
# The applicant's page: leads only; to everyone else it does not exist.
APPLICANT = expect(404, lead=200)


def _new_organisation(world):
    return {
        "name": "Réseau Ivoirien des Jeunes Leaders pour l'Intégrité",
        "acronym": "RIJLI",
        "kind": "youth",
        "country": "CI",
        "city": "Abidjan",
        "timezone": "Africa/Abidjan",
        "status": "applicant",
        "slug": "",
    }


def _new_mentorship(world):
    return {
        "organisation": world.applicant.pk,
        "mentors": [world.mentor_a.pk],
        "start_date": "2026-01-01",
        "planned_end_date": "",
        "status": "active",
        "closing_summary": "",
    }


def _close_mentorship(world):
    return {
        "mentors": [world.mentor_a.pk],
        "start_date": "2026-01-01",
        "status": "closed",
        "closing_summary": "The pact is signed.",
        "version": world.mentorship_a.version,
    }


def _goal(world, title="A goal written in the matrix"):
    return {"title": title, "description": "", "target_date": "", "status": "proposed"} | {
        "progress_notes": "",
        "version": world.goal.version,
    }


ROWS = [
    # Organisations and the directory
    Row("mentoring:organisation_list", EVERYONE),
    Row("mentoring:organisation_create", LEAD_ONLY),
    Row(
        "mentoring:organisation_create",
        posted(LEAD_ONLY),
        method="post",
        data=_new_organisation,
        state=lambda w, role: count(Organisation, acronym="RIJLI"),
    ),
    Row("mentoring:organisation_detail", EVERYONE, args=lambda w: ["alliance-a"]),
    Row(
        "mentoring:organisation_detail", APPLICANT, args=lambda w: ["applicant-c"], case="applicant"
    ),
    Row("mentoring:organisation_edit", LEAD_ONLY | {"admin_a": 200}, args=lambda w: ["alliance-a"]),
    Row(
        "mentoring:organisation_edit",
        posted(LEAD_ONLY | {"admin_a": 200}),
        args=lambda w: ["alliance-a"],
        method="post",
        data=lambda w: organisation_payload(
            w.org_a, city="Kara", slug="alliance-a", status="active", cohort=w.org_a.cohort_id
        ),
        state=lambda w, role: values(Organisation, w.org_a.pk, "city"),
    ),
    Row("mentoring:organisation_edit", LEAD_ONLY, args=lambda w: ["bureau-b"], case="b"),
    Row("mentoring:organisation_edit", APPLICANT, args=lambda w: ["applicant-c"], case="applicant"),
    Row("mentoring:organisation_logo", EVERYONE, args=lambda w: ["alliance-a"]),
    Row("mentoring:organisation_logo", NOBODY, args=lambda w: ["applicant-c"], case="applicant"),
    # Mentorships, goals, check-ins
    Row("mentoring:mentorship_list", EVERYONE),
    Row("mentoring:mentorship_create", LEAD_ONLY),
    Row(
        "mentoring:mentorship_create",
        posted(LEAD_ONLY),
        method="post",
        data=_new_mentorship,
        state=lambda w, role: count(Mentorship),
    ),
    Row("mentoring:mentorship_detail", INSIDERS_A, args=lambda w: [w.mentorship_a.pk]),
    Row("mentoring:mentorship_edit", LEAD_ONLY_OF_A, args=lambda w: [w.mentorship_a.pk]),
    Row(
        "mentoring:mentorship_edit",
        posted(LEAD_ONLY_OF_A),
        args=lambda w: [w.mentorship_a.pk],
        method="post",
        data=_close_mentorship,
        state=lambda w, role: values(Mentorship, w.mentorship_a.pk, "status"),
    ),
    Row("mentoring:goal_create", INSIDERS_A, args=lambda w: [w.mentorship_a.pk]),
    Row(
        "mentoring:goal_create",
        posted(INSIDERS_A),
        args=lambda w: [w.mentorship_a.pk],
        method="post",
        data=_goal,
        state=lambda w, role: count(Goal, title="A goal written in the matrix"),
    ),
    Row("mentoring:goal_edit", INSIDERS_A, args=lambda w: [w.goal.pk]),
    Row(
        "mentoring:goal_edit",
        posted(INSIDERS_A),
        args=lambda w: [w.goal.pk],
        method="post",
        data=lambda w: _goal(w, title="A goal renamed in the matrix"),
        state=lambda w, role: values(Goal, w.goal.pk, "title"),
    ),
    Row("mentoring:check_in", ANSWERERS_OF_A, args=lambda w: [w.mentorship_a.pk, "start"]),
    Row(
        "mentoring:check_in",
        posted(ANSWERERS_OF_A),
        args=lambda w: [w.mentorship_a.pk, "start"],
        method="post",
        data=lambda w: (
            {"usefulness": "4", "progress": "3", "what_changed": ""} | {"what_is_needed": ""}
        ),
        state=lambda w, role: count(CheckIn, mentorship=w.mentorship_a),
    ),
    Row(
        "mentoring:check_in",
        NOBODY,
        args=lambda w: [w.mentorship_a.pk, "nonsense"],
        case="unknown_stage",
    ),
    # Session logs
    Row("mentoring:session_create", MENTOR_A_ONLY, args=lambda w: [w.mentorship_a.pk]),
    Row(
        "mentoring:session_create",
        posted(MENTOR_A_ONLY),
        args=lambda w: [w.mentorship_a.pk],
        method="post",
        data=lambda w: session_payload(w.cast),
        state=lambda w, role: count(Session, mentorship=w.mentorship_a),
    ),
    Row("mentoring:session_list", EVERYONE),
    Row("mentoring:session_export", EVERYONE),
    Row("mentoring:session_print", EVERYONE),
    Row("mentoring:session_trash", LEAD_ONLY),
    Row("mentoring:session_detail", INSIDERS_A, args=lambda w: [w.session.pk]),
    Row("mentoring:session_detail", NOBODY, args=lambda w: [w.trashed_session.pk], case="trashed"),
    Row("mentoring:session_edit", MENTOR_A_ONLY, args=lambda w: [w.session.pk]),
    Row(
        "mentoring:session_edit",
        posted(MENTOR_A_ONLY),
        args=lambda w: [w.session.pk],
        method="post",
        data=lambda w: session_edit_payload(w.cast, w.session, summary="Edited in the matrix"),
        state=lambda w, role: values(Session, w.session.pk, "summary", "version"),
    ),
    Row("mentoring:session_delete", SESSION_DELETERS, args=lambda w: [w.session.pk]),
    Row(
        "mentoring:session_delete",
        posted(SESSION_DELETERS),
        args=lambda w: [w.session.pk],
        method="post",
        state=lambda w, role: (
            Session.all_objects.filter(pk=w.session.pk).values_list("deleted_at", flat=True).first()
        ),
    ),
    Row(
        "mentoring:session_restore",
        posted(LEAD_ONLY),
        args=lambda w: [w.trashed_session.pk],
        method="post",
        state=lambda w, role: (
            Session.all_objects.filter(pk=w.trashed_session.pk)
            .values_list("deleted_at", flat=True)
            .first()
        ),
    ),
    # Action items
    Row("mentoring:action_item_list", EVERYONE),
    Row(
        "mentoring:action_item_toggle",
        posted(INSIDERS_A),
        args=lambda w: [w.item.pk],
        method="post",
        data=lambda w: {"done": "1"},
        state=lambda w, role: values(ActionItem, w.item.pk, "done_at"),
    ),
]
