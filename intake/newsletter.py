"""The quarterly newsletter: double opt-in sign-up, one-click unsubscribe, drafts pre-filled
with the quarter's public news, and sending in batches through the task framework.

Invariants:
- A subscriber counts only once confirmed; the consent time, its wording and the language are
  kept with the address.
- Unsubscribing deletes the address and keeps only its SHA-256 in `Suppression`; an import
  (`subscribers_import`) never adds a suppressed address. Signing up again on the public form
  is a fresh, explicit consent and lifts the suppression once confirmed.
- Unsubscribe links are signed (subscriber id and address hash), so they work without signing
  in, only for that person, and stop working once the address is gone.
- Each message is claimed (a `Delivery` row) before it is sent: a batch that fails part-way is
  resumed by running it again and never sends twice.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentoring.audit import audit
from mentoring.conflicts import versioned_update
from mentoring.mail import send_mail
from mentoring.markdown import render_markdown
from mentoring.models import Meeting, Organisation

from .models import (
    Delivery,
    NewsletterIssue,
    Subscriber,
    Suppression,
    email_hash,
    hash_token,
    new_token,
)
from .services import IntakeError

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "intake.newsletter.unsubscribe"
CONFIRM_DAYS = 7
BATCH = 50


def consent_text() -> str:
    return _(
        "I would like to receive the programme's quarterly newsletter by e-mail. I can "
        "unsubscribe at any time with the link in each issue."
    )


def subscribe(*, email: str, language: str) -> str | None:
    """Record (or refresh) an unconfirmed subscription and send the confirmation link.
    Returns the raw token, or None when the address is already confirmed (nothing is sent,
    and the visitor sees the same page either way)."""
    email = email.strip().lower()
    token, token_hash = new_token()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber and subscriber.confirmed_at:
            return None
        if subscriber is None:
            subscriber = Subscriber(email=email)
        subscriber.language = language
        subscriber.consented_at = timezone.now()
        subscriber.consent_text = consent_text()[:300]
        subscriber.confirm_token_hash = token_hash
        subscriber.save()
    _send_one(
        subscriber.email,
        subscriber.language,
        "newsletter_confirm",
        {"link": settings.SITE_URL + reverse("intake:newsletter_confirm", args=[token])},
    )
    return token


def confirm(*, token: str) -> Subscriber:
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(confirm_token_hash=hash_token(token))
            .first()
        )
        if subscriber is None:
            raise IntakeError(_("This confirmation link is not valid."))
        if subscriber.confirmed_at:
            raise IntakeError(_("Your subscription is already confirmed."))
        if subscriber.consented_at < timezone.now() - timedelta(days=CONFIRM_DAYS):
            raise IntakeError(_("This confirmation link has expired. Please sign up again."))
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
        Suppression.objects.filter(email_hash=email_hash(subscriber.email)).delete()
        audit("newsletter.subscribe", target=subscriber, summary=subscriber.language)
    return subscriber


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "h": email_hash(subscriber.email)[:16]}, salt=UNSUBSCRIBE_SALT
    )


def subscriber_for_unsubscribe(token: str) -> Subscriber | None:
    """The subscriber the link was made for; None for a forged link or a gone address."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise IntakeError(_("This unsubscribe link is not valid.")) from None
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or email_hash(subscriber.email)[:16] != data.get("h"):
        return None
    return subscriber


def unsubscribe(*, token: str) -> bool:
    """Delete the address, keep its hash; False if it was already gone."""
    with transaction.atomic():
        subscriber = subscriber_for_unsubscribe(token)
        if subscriber is None:
            return False
        Suppression.objects.get_or_create(email_hash=email_hash(subscriber.email))
        audit("newsletter.unsubscribe", summary="")
        subscriber.delete()
    return True


def subscribers_import(rows: list[tuple[str, str]], *, actor) -> int:
    """Add confirmed subscribers (address, language) brought from another list; suppressed
    addresses are skipped. Returns how many were added."""
    suppressed = set(Suppression.objects.values_list("email_hash", flat=True))
    added = 0
    with transaction.atomic():
        for email, language in rows:
            email = email.strip().lower()
            if email_hash(email) in suppressed or Subscriber.objects.filter(email=email).exists():
                continue
            Subscriber.objects.create(
                email=email,
                language=language if language in dict(settings.LANGUAGES) else "en",
                consent_text=_("Imported from an earlier list."),
                confirmed_at=timezone.now(),
                confirm_token_hash=new_token()[1],
            )
            added += 1
        audit("newsletter.import", actor=actor, summary=str(added))
    return added


def export_csv() -> str:
    """Confirmed subscribers for a mailing tool: address, language, consent time (UTC)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "language", "consented_at_utc", "confirmed_at_utc"])
    for s in Subscriber.objects.filter(confirmed_at__isnull=False).order_by("email"):
        assert s.confirmed_at is not None  # filtered above
        writer.writerow(
            [s.email, s.language, s.consented_at.isoformat(), s.confirmed_at.isoformat()]
        )
    return "\ufeff" + out.getvalue()


def draft(*, actor, day: date | None = None) -> NewsletterIssue:
    """A draft for the quarter containing `day`: meetings held and new organisations that
    agreed to be listed publicly, in English and French, for the lead to edit."""
    from datetime import UTC

    day = day or timezone.now().date()
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime(day.year, first_month, 1, tzinfo=UTC)
    end = (start + timedelta(days=95)).replace(day=1)
    meetings = list(
        Meeting.objects.filter(
            starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True
        ).order_by("starts_at")
    )
    organisations = list(
        Organisation.objects.public()
        .filter(created_at__gte=start, created_at__lt=end)
        .order_by("name")
    )
    quarter = (first_month - 1) // 3 + 1
    bodies = {}
    for language in ("en", "fr"):
        with translation.override(language):
            bodies[language] = (
                _("Quarter %(q)d of %(year)d") % {"q": quarter, "year": day.year},
                render_to_string(
                    "intake/newsletter_draft.txt",
                    {
                        "meetings": meetings,
                        "organisations": organisations,
                        "quarter": quarter,
                        "year": day.year,
                    },
                ),
            )
    with transaction.atomic():
        issue = NewsletterIssue.objects.create(
            title=bodies["en"][0],
            subject_en=bodies["en"][0],
            body_en=bodies["en"][1],
            subject_fr=bodies["fr"][0],
            body_fr=bodies["fr"][1],
            created_by=actor,
        )
        audit("newsletter.draft", actor=actor, target=issue, summary=issue.title)
    return issue


def issue_update(*, issue: NewsletterIssue, actor, version: int | None, data: dict) -> None:
    """Save a draft's text unless someone saved since `version` (EditConflict then); an issue
    that is being sent or was sent no longer changes."""
    with transaction.atomic():
        versioned_update(
            NewsletterIssue.objects.filter(status=NewsletterIssue.Status.DRAFT),
            pk=issue.pk,
            version=version,
            fields=data,
        )
        audit("newsletter.edit", actor=actor, target=issue, summary=data.get("title", ""))


def issue_send(*, issue: NewsletterIssue, actor) -> None:
    from .tasks import send_newsletter_batch

    with transaction.atomic():
        locked = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != NewsletterIssue.Status.DRAFT:
            raise IntakeError(_("This issue is already being sent or was sent."))
        locked.status = NewsletterIssue.Status.SENDING
        locked.save(update_fields=["status"])
        audit("newsletter.send", actor=actor, target=locked, summary=locked.title)
        transaction.on_commit(lambda: send_newsletter_batch.enqueue(locked.pk))


def send_batch(issue_id: int, *, size: int = BATCH) -> int:
    """Send up to `size` messages of an issue; return how many are left to send."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status != NewsletterIssue.Status.SENDING:
        return 0
    waiting = (
        Subscriber.objects.filter(confirmed_at__isnull=False)
        .exclude(deliveries__issue=issue)
        .order_by("pk")[:size]
    )
    for subscriber in waiting:
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(issue=issue, subscriber=subscriber)
        except IntegrityError:
            continue  # another worker claimed it
        subject, body = issue.in_language(subscriber.language)
        sent = _send_one(
            subscriber.email,
            subscriber.language,
            "newsletter_issue",
            {"subject": subject, "body": render_markdown(body), "text": body},
            unsubscribe=settings.SITE_URL
            + reverse("intake:newsletter_unsubscribe", args=[unsubscribe_token(subscriber)]),
            subject=subject,
        )
        if sent:
            Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
        else:
            Delivery.objects.filter(pk=delivery.pk).update(failed=True)
    left = (
        Subscriber.objects.filter(confirmed_at__isnull=False)
        .exclude(deliveries__issue=issue)
        .count()
    )
    if not left:
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
        )
    return left


def _send_one(email, language, template, context, *, unsubscribe=None, subject=None) -> bool:
    """One message through the one mail sender; an issue carries its own subject and the
    one-click unsubscribe headers (RFC 8058). Sent now, not queued: the batch claims each
    message itself (see `send_batch`)."""
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return send_mail(
        to=email,
        language=language,
        zone="UTC",
        template=f"intake/email/{template}",
        context={**context, "unsubscribe": unsubscribe, "subject": subject or ""},
        headers=headers,
    )
