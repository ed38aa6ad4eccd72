"""E-mails fail visibly and are retried a bounded number of times, one task per recipient;
the weekly digest goes out once per person and week."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import TaskResultStatus

from mentoring.delivery import EmailNotDelivered, deliver_email, queue_message, retry_delay
from mentoring.models import DigestSent
from mentoring.tasks import send_action_item_digest
from tests.factories import ActionItemFactory, SessionFactory

from . import mailbackends

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = "tests.ops.mailbackends.RefusingBackend"
    settings.PORTAL_EMAIL_ATTEMPTS = 3
    mailbackends.attempts.clear()
    return mailbackends.attempts


def _message(*to):
    message = EmailMultiAlternatives("Subject", "Text", to=list(to))
    message.attach_alternative("<p>Text</p>", "text/html")
    return message


def test_one_bad_address_does_not_lose_the_others(refusing, caplog):
    assert queue_message(_message("bounce@example.org", "ok@example.org")) == 2
    assert [m.to for m in mail.outbox] == [["ok@example.org"]]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    # Three attempts in all for the bad one, then it gives up; one for the good one.
    assert refusing.count("bounce@example.org") == 3
    assert refusing.count("ok@example.org") == 1
    assert "attempt 3 of 3, giving up" in caplog.text


def test_a_refused_email_is_a_failed_task(refusing):
    result = deliver_email.enqueue(
        {
            "subject": "S",
            "body": "B",
            "from_email": None,
            "to": ["bounce@x.org"],
            "alternatives": [],
        }
    )
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is EmailNotDelivered


def test_retries_wait_longer_each_time():
    assert [retry_delay(n) for n in (1, 2, 3)] == [dt.timedelta(minutes=m) for m in (2, 4, 8)]


def test_the_digest_goes_out_once_per_person_and_week(cast):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(session=session, due_date=timezone.localdate() - dt.timedelta(days=1))
    send_action_item_digest.enqueue()
    first = len(mail.outbox)
    assert first > 0
    assert DigestSent.objects.count() == first
    send_action_item_digest.enqueue()  # cron on a second host, or run twice by hand
    assert len(mail.outbox) == first
