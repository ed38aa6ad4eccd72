"""The one mail sender (mentoring/mail.py): language, timezone, parts, subject, refusals."""

import smtplib

import pytest
from django.core import mail
from django.test.signals import template_rendered
from django.utils import timezone, translation

from documents import services as documents
from documents.validation import inspect_upload
from mentoring.mail import send_mail, send_to_user
from tests.documents.helpers import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered():
    """(template name, active language, active timezone, recipient) of every template."""
    seen = []

    def record(sender, template, context, **kwargs):
        language, zone = translation.get_language(), timezone.get_current_timezone_name()
        seen.append((template.name, language, zone, context.get("recipient")))

    template_rendered.connect(record)
    yield seen
    template_rendered.disconnect(record)


def test_subject_is_never_html_escaped_and_stays_on_one_line(cast):
    cast.org_b.name = "Smith & Sons <Ltd>\nBcc: x@example.org"
    cast.org_b.save()
    sent = send_to_user(
        cast.member_a,
        "documents/email/notify",
        {"document": None, "organisation": cast.org_b, "event": "added", "person": cast.member_a},
    )
    assert sent
    message = mail.outbox[0]
    assert message.subject == ("New document in the space of Smith & Sons <Ltd> Bcc: x@example.org")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Smith &amp; Sons &lt;Ltd&gt;" in html  # the HTML part stays escaped
    assert "Smith & Sons <Ltd>" in message.body  # the plain text is not HTML


def test_recipients_language_and_timezone_are_active_while_rendering(cast, rendered):
    cast.member_a.language, cast.member_a.timezone = "fr", "Asia/Tokyo"
    with translation.override("en"), timezone.override("America/Lima"):
        send_to_user(
            cast.member_a,
            "documents/email/notify",
            {"document": None, "organisation": cast.org_a, "event": "added"},
        )
    assert {(lang, zone) for name, lang, zone, _who in rendered if "email" in name} == {
        ("fr", "Asia/Tokyo")
    }
    assert mail.outbox[0].subject.startswith("Nouveau document")


def test_document_notices_use_the_recipients_timezone(
    cast, rendered, django_capture_on_commit_callbacks
):
    """The documents copy of the sender used to forget it and render in the uploader's zone."""
    cast.member_a.timezone = "Pacific/Auckland"
    cast.member_a.save()
    with timezone.override("Europe/Zurich"), django_capture_on_commit_callbacks(execute=True):
        documents.documents_upload(
            organisation=cast.org_a, actor=cast.admin_a, files=[inspect_upload(pdf())]
        )
    zones = {
        (who, zone) for name, _lang, zone, who in rendered if name.startswith("documents/email/")
    }
    assert zones == {(cast.member_a, "Pacific/Auckland"), (cast.mentor_a, "UTC")}
    assert sorted(m.to[0] for m in mail.outbox) == [cast.member_a.email, cast.mentor_a.email]


def test_an_address_without_language_or_zone_gets_the_sites_and_utc(rendered):
    send_mail(
        to="someone@example.org",
        language=None,
        zone=None,
        template="portal/email/invitation",
        context={"invitation": None, "link": "https://portal.example/x"},
    )
    assert {(lang, zone) for name, lang, zone, _who in rendered if "email" in name} == {
        ("en", "UTC")
    }


def test_further_alternatives_are_attached_after_the_html(cast):
    send_to_user(
        cast.member_a,
        "documents/email/notify",
        {"organisation": cast.org_a, "event": "added"},
        alternatives=lambda: [("BEGIN:VCALENDAR", "text/calendar; method=REQUEST")],
    )
    assert [mimetype for _content, mimetype in mail.outbox[0].alternatives] == [
        "text/html",
        "text/calendar; method=REQUEST",
    ]


def test_a_refused_message_is_reported_not_raised(cast, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({cast.member_a.email: (550, b"no")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    # Sent now (as invitations are): the refusal is the answer.
    assert not send_mail(
        to=cast.member_a.email,
        language="en",
        zone="UTC",
        template="documents/email/notify",
        context={"organisation": cast.org_a, "event": "added", "recipient": cast.member_a},
    )
    # Queued (as notifications are): its delivery task fails visibly and is retried
    # (tests/ops), so queueing itself succeeds.
    assert send_to_user(
        cast.member_a, "documents/email/notify", {"organisation": cast.org_a, "event": "added"}
    )
