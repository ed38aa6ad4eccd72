"""Rows of intake: calls, applications, reviews, the programme page and the newsletter are the
leads' (everyone else signed in gets 403); the public forms need no account."""

from intake.models import Application, NewsletterIssue, Review

from ..permissions import LEAD_ONLY, Row, count, expect, posted, values

PUBLIC = expect(200, anonymous=200, deactivated=200)
LEAD_POSTED = posted(LEAD_ONLY)


def _call(w):
    return [w.intake["call"].uid]


def _application(w):
    return [w.intake["application"].uid]


def _issue(w):
    return [w.intake["issue"].pk]


def _decision(w, role):
    return values(Application, w.intake["application"].pk, "status", "organisation_id")


def _issue_state(w, role):
    return values(NewsletterIssue, w.intake["issue"].pk, "title", "status", "version")


def _edit_issue(w):
    issue = w.intake["issue"]
    return {"title": "Edited in the matrix", "subject_en": "S", "body_en": "B"} | {
        "subject_fr": "",
        "body_fr": "",
        "version": issue.version,
    }


ROWS = [
    # Public: anyone applies to an open call, or subscribes to the newsletter.
    Row("intake:apply", PUBLIC, args=_call),
    Row("intake:apply_sent", PUBLIC),
    Row("intake:newsletter", PUBLIC),
    # The leads' pages.
    Row("intake:call_list", LEAD_ONLY),
    Row("intake:call_create", LEAD_ONLY),
    Row("intake:call_applications", LEAD_ONLY, args=_call),
    Row("intake:call_edit", LEAD_ONLY, args=_call),
    Row("intake:application_detail", LEAD_ONLY, args=_application),
    Row(
        "intake:application_detail",
        LEAD_POSTED,
        args=_application,
        method="post",
        data=lambda w: {"score": "4", "notes": "Strong coalition."},
        state=lambda w, role: list(
            Review.objects.filter(application=w.intake["application"]).values_list(
                "lead", "score", "notes"
            )
        ),
    ),
    Row(
        "intake:application_status",
        LEAD_POSTED,
        args=_application,
        method="post",
        data=lambda w: {"status": Application.Status.SHORTLISTED},
        state=_decision,
    ),
    Row(
        "intake:application_accept",
        LEAD_POSTED,
        args=_application,
        method="post",
        state=_decision,
    ),
    Row("intake:application_decline", LEAD_ONLY, args=_application),
    Row(
        "intake:application_decline",
        LEAD_POSTED,
        args=_application,
        method="post",
        data=lambda w: {"message": "Thank you, and good luck."},
        state=_decision,
    ),
    Row("intake:application_attachment", LEAD_ONLY, args=_application),
    Row("intake:programme_edit", LEAD_ONLY, args=lambda w: ["en"]),
    Row("intake:newsletter_admin", LEAD_ONLY),
    Row("intake:newsletter_export", LEAD_ONLY),
    Row(
        "intake:issue_create",
        LEAD_POSTED,
        method="post",
        state=lambda w, role: count(NewsletterIssue),
    ),
    Row("intake:issue_edit", LEAD_ONLY, args=_issue),
    Row(
        "intake:issue_edit",
        LEAD_POSTED,
        args=_issue,
        method="post",
        data=_edit_issue,
        state=_issue_state,
    ),
    Row("intake:issue_send", LEAD_POSTED, args=_issue, method="post", state=_issue_state),
]
