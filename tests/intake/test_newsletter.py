"""The quarterly newsletter: double opt-in, one-click unsubscribe with suppression, export,
drafts, and batches that resume without sending twice."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from intake import newsletter
from intake.models import Delivery, NewsletterIssue, Subscriber, Suppression, email_hash

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _subscribe(client, email="amina@example.org", language="fr"):
    return client.post(
        reverse("intake:newsletter"), {"email": email, "language": language, "consent": "on"}
    )


def test_double_opt_in_keeps_consent_and_language():
    client = Client()
    response = _subscribe(client)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None and subscriber.language == "fr"
    assert "newsletter" in subscriber.consent_text
    (message,) = mail.outbox
    assert "Confirmez" in message.subject
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", message.body).group(0)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert client.post(link).status_code == 409  # used twice: a clear message
    assert client.get(reverse("intake:newsletter_confirm", args=["forged"])).status_code == 404


def test_bad_sign_ups_store_nothing():
    client = Client()
    response = client.post(
        reverse("intake:newsletter"), {"email": "not-an-address", "consent": "on"}
    )
    assert response.status_code == 200 and not Subscriber.objects.exists()
    no_consent = client.post(
        reverse("intake:newsletter"), {"email": "a@example.org", "language": "en"}
    )
    assert "tick" in no_consent.content.decode() and not Subscriber.objects.exists()
    bot = client.post(
        reverse("intake:newsletter"),
        {"email": "bot@example.org", "language": "en", "consent": "on", "homepage": "x"},
    )
    assert bot.status_code == 200 and not Subscriber.objects.exists() and not mail.outbox


def _confirmed(email, language="en"):
    return Subscriber.objects.create(
        email=email,
        language=language,
        consent_text="yes",
        confirmed_at="2026-01-01T00:00:00Z",
        confirm_token_hash=email_hash(email),
    )


def test_one_click_unsubscribe_deletes_and_suppresses():
    subscriber = _confirmed("leaving@example.org")
    token = newsletter.unsubscribe_token(subscriber)
    url = reverse("intake:newsletter_unsubscribe", args=[token])
    client = Client(enforce_csrf_checks=True)  # mail clients post without a CSRF token
    assert client.get(url).status_code == 200
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.exists()
    assert Suppression.objects.filter(email_hash=email_hash("leaving@example.org")).exists()
    again = client.post(url)
    assert "not subscribed any more" in again.content.decode()
    forged = reverse("intake:newsletter_unsubscribe", args=[token[:-2] + "xx"])
    assert client.post(forged).status_code == 404
    # An import cannot add the address again.
    assert newsletter.subscribers_import([("Leaving@example.org", "en")], actor=None) == 0
    assert not Subscriber.objects.exists()
    from django.db import connection

    with connection.cursor() as cursor:  # the address itself is nowhere in these tables
        cursor.execute("SELECT email_hash FROM intake_suppression")
        assert all("leaving" not in row[0] for row in cursor.fetchall())


def test_leads_export_confirmed_subscribers(cast, client_for):
    _confirmed("one@example.org", "fr")
    Subscriber.objects.create(
        email="pending@example.org", language="en", consent_text="yes", confirm_token_hash="p"
    )
    response = client_for("lead").get(reverse("intake:newsletter_export"))
    body = response.content.decode()
    assert "one@example.org" in body and "pending@example.org" not in body
    assert client_for("admin_a").get(reverse("intake:newsletter_export")).status_code == 403


def test_an_issue_goes_out_in_each_language_with_unsubscribe_headers(
    cast, client_for, django_capture_on_commit_callbacks
):
    _confirmed("en@example.org", "en")
    _confirmed("fr@example.org", "fr")
    client = client_for("lead")
    client.post(reverse("intake:issue_create"))
    issue = NewsletterIssue.objects.get()
    assert "Trimestre" in issue.subject_fr
    client.post(
        reverse("intake:issue_edit", args=[issue.pk]),
        {
            "title": "Q4",
            "subject_en": "News",
            "body_en": "Hello **all**",
            "subject_fr": "Nouvelles",
            "body_fr": "Bonjour",
            "version": issue.version,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:issue_send", args=[issue.pk]))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["fr@example.org"].subject == "Nouvelles"
    assert by_address["en@example.org"].subject == "News"
    headers = by_address["en@example.org"].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in headers["List-Unsubscribe"]
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT


def test_a_batch_resumes_after_a_failure_without_sending_twice():
    for n in range(5):
        _confirmed(f"p{n}@example.org")
    issue = NewsletterIssue.objects.create(
        title="Q", subject_en="S", body_en="B", status=NewsletterIssue.Status.SENDING
    )
    real = newsletter._send_one
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the worker died")
        return real(*args, **kwargs)

    with mock.patch.object(newsletter, "_send_one", flaky), pytest.raises(RuntimeError):
        newsletter.send_batch(issue.pk, size=10)
    assert len(mail.outbox) == 2
    left = newsletter.send_batch(issue.pk, size=10)  # resumed
    assert left == 0
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 4  # the claimed one is not sent twice
    assert Delivery.objects.filter(issue=issue).count() == 5
