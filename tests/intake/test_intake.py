"""Public intake: the programme page, applying, confirming, reviewing, accepting, declining."""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake.forms import started_token
from intake.models import Application, Review
from mentoring.models import Organisation
from portal.models import Invitation

from ..factories import ApplicationFactory, CallFactory, OrganisationFactory, UserFactory
from ..images import png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _form(call, **overrides):
    data = {
        "organisation_name": "Réseau Sénégalais pour l'Intégrité",
        "country": "SN",
        "website": "reseau-integrite.example",
        "kind": "youth",
        "contact_name": "Fatou Diop",
        "contact_email": "fatou@reseau.example",
        "language": "fr",
        "challenge": "Les entreprises locales paient pour obtenir des marchés.",
        "hopes": "Un mentor pour lancer un pacte d'intégrité.",
        "q0": "Douze organisations.",
        "homepage": "",
        "started": started_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def _link(message, name):
    return re.search(rf"https?://\S+/apply/{name}/[^/\s]+/", message.body).group(0)


def test_the_programme_page_is_public_fast_and_without_personal_data(django_assert_max_num_queries):
    listed = OrganisationFactory(name="Listed Org", public_listing=True)
    OrganisationFactory(name="Quiet Org", public_listing=False)
    UserFactory(email="private.person@example.org", full_name="Private Person")
    call = CallFactory()
    with django_assert_max_num_queries(6):
        response = Client().get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert listed.name in html and "Quiet Org" not in html
    assert "private.person" not in html and "Private Person" not in html
    assert reverse("intake:apply", args=[call.uid]) in html


def test_the_programme_text_falls_back_to_english():
    from intake.models import ProgrammeText

    ProgrammeText.objects.create(language="en", offer="Mentoring **for everyone**.")
    cache.clear()
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/")
    assert "<strong>for everyone</strong>" in response.content.decode()


def test_apply_confirm_and_read_in_french():
    call = CallFactory()
    client = Client()
    response = client.post(reverse("intake:apply", args=[call.uid]), _form(call))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.confirmed_at is None
    assert application.answers == [
        {"question": "How many members does your coalition have?", "answer": "Douze organisations."}
    ]
    (confirmation,) = mail.outbox
    assert "Confirmez" in confirmation.subject or "candidature" in confirmation.subject
    assert "&#x27;" not in confirmation.subject
    link = _link(confirmation, "confirm")
    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    assert client.get(link).status_code == 200
    application.refresh_from_db()
    assert application.confirmed_at is None
    assert client.post(link).status_code == 200
    application.refresh_from_db()
    assert application.confirmed_at is not None
    receipt = mail.outbox[1]
    read_link = _link(receipt, "read")
    page = client.get(read_link)
    assert page.status_code == 200
    assert "Les entreprises locales" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    # A second use of the confirmation link is refused with a clear message.
    again = client.post(link)
    assert again.status_code == 409
    assert "confirm" in again.content.decode().lower()


def test_forged_and_expired_links():
    call = CallFactory()
    client = Client()
    assert client.get(reverse("intake:confirm", args=["forged"])).status_code == 404
    assert client.get(reverse("intake:read", args=["forged"])).status_code == 404
    client.post(reverse("intake:apply", args=[call.uid]), _form(call))
    link = _link(mail.outbox[0], "confirm")
    Application.objects.update(submitted_at=timezone.now() - timedelta(days=8))
    response = client.post(link)
    assert response.status_code == 409
    assert Application.objects.get().confirmed_at is None


def test_unconfirmed_applications_are_not_in_the_review(cast, client_for):
    call = CallFactory()
    ApplicationFactory(call=call, organisation_name="Not Confirmed", confirmed_at=None)
    ApplicationFactory(call=call, organisation_name="Confirmed One")
    html = client_for("lead").get(reverse("intake:call_applications", args=[call.uid])).content
    assert b"Confirmed One" in html and b"Not Confirmed" not in html


def test_bots_are_kept_out():
    call = CallFactory()
    url = reverse("intake:apply", args=[call.uid])
    client = Client()
    # The honeypot: answered like a success, nothing stored, nothing sent.
    assert client.post(url, _form(call, homepage="http://spam.example")).status_code == 302
    assert not Application.objects.exists() and not mail.outbox
    # Too fast.
    response = client.post(url, _form(call, started=started_token(time.time())))
    assert response.status_code == 200
    assert "fast" in response.content.decode()
    # A forged start time.
    response = client.post(url, _form(call, started="123"))
    assert "reload" in response.content.decode()
    assert not Application.objects.exists()
    # Twenty from one address: three per hour get through.
    for n in range(20):
        client.post(url, _form(call, organisation_name=f"Organisation number {n}"))
    assert Application.objects.count() == 3


def test_one_network_cannot_flood_the_call():
    call = CallFactory()
    url = reverse("intake:apply", args=[call.uid])
    for n in range(15):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            url,
            _form(call, organisation_name=f"Org {n}", contact_email=f"person{n}@example.org"),
        )
    assert Application.objects.count() == 10


def test_bad_applications_get_clear_messages(settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 200
    call = CallFactory()
    url = reverse("intake:apply", args=[call.uid])
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.post(url, _form(call))
    duplicate = client.post(
        url,
        _form(
            call,
            organisation_name="reseau senegalais pour l’integrite",
            contact_email="other@reseau.example",
        ),
    )
    assert "déjà" in duplicate.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    wrong = client.post(
        url,
        {**_form(call, organisation_name="Autre", contact_email="x@y.example"), "attachment": fake},
    )
    assert wrong.status_code == 200
    big = client.post(
        url,
        {
            **_form(call, organisation_name="Grande", contact_email="z@y.example"),
            "attachment": png_upload(size=(400, 400)),
        },
    )
    assert big.status_code == 200
    assert "limite" in big.content.decode()
    assert Application.objects.count() == 1
    from documents.storage import get_storage, walk

    assert list(walk(get_storage(), "applications")) == []  # nothing stored for the refusals


def test_applying_outside_an_open_call():
    closed = CallFactory(
        opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now() - timedelta(days=1)
    )
    response = Client().post(reverse("intake:apply", args=[closed.uid]), _form(closed))
    assert response.status_code == 410
    assert not Application.objects.exists()
    import uuid

    assert Client().get(reverse("intake:apply", args=[uuid.uuid4()])).status_code == 404


def test_an_attachment_is_stored_and_only_leads_download_it(cast, client_for):
    call = CallFactory()
    Client().post(
        reverse("intake:apply", args=[call.uid]), {**_form(call), "attachment": png_upload()}
    )
    application = Application.objects.get()
    Application.objects.update(confirmed_at=timezone.now())
    url = reverse("intake:application_attachment", args=[application.uid])
    response = client_for("lead").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client_for("admin_a").get(url).status_code == 403


def test_review_shows_the_average_and_who_has_not_scored(cast, client_for):
    second_lead = UserFactory(role="lead", full_name="Second Lead")
    application = ApplicationFactory()
    response = client_for("lead").post(
        reverse("intake:application_detail", args=[application.uid]),
        {"score": "4", "notes": "Strong coalition."},
    )
    assert response.status_code == 302
    Review.objects.create(application=application, lead=second_lead, score=None, notes="Later.")
    html = (
        client_for("lead")
        .get(reverse("intake:call_applications", args=[application.call.uid]))
        .content.decode()
    )
    assert "4.0" in html or "4,0" in html
    assert "Second" in html


def test_accepting_twice_makes_one_organisation_and_one_invitation(
    cast, client_for, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(organisation_name="Réseau Sénégalais", language="fr")
    client = client_for("lead")
    url = reverse("intake:application_accept", args=[application.uid])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url)
    assert first.status_code == second.status_code == 302
    organisation = Organisation.objects.get(name="Réseau Sénégalais")
    assert organisation.status == Organisation.Status.ACTIVE
    assert organisation.cohort == application.call.cohort
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.is_admin and invitation.language == "fr"
    assert invitation.email == application.contact_email
    assert len([m for m in mail.outbox if application.contact_email in m.to]) == 1
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.organisation == organisation


def test_declining_sends_the_lead_edited_message(
    cast, client_for, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(language="fr")
    url = reverse("intake:application_decline", args=[application.uid])
    client = client_for("lead")
    form = client.get(url)
    assert "Merci" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Merci, et à l'année prochaine."})
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    (message,) = mail.outbox
    assert "à l'année prochaine" in message.body
    assert client.post(reverse("intake:application_accept", args=[application.uid]))
    assert not Organisation.objects.filter(name=application.organisation_name).exists()


def test_leads_open_a_call_in_a_stated_timezone(cast, client_for):
    from mentoring.models import Cohort

    cohort = Cohort.objects.create(year=2028, name="Cohort 2028")
    client = client_for("lead")
    bad = client.post(
        reverse("intake:call_create"),
        {
            "title": "Call 2028",
            "opens_date": "2027-09-01",
            "opens_time": "09:00",
            "closes_date": "2027-08-01",
            "closes_time": "17:00",
            "timezone": "Africa/Lome",
            "cohort": cohort.pk,
        },
    )
    assert bad.status_code == 200 and "close after" in bad.content.decode()
    good = client.post(
        reverse("intake:call_create"),
        {
            "title": "Call 2028",
            "opens_date": "2027-09-01",
            "opens_time": "09:00",
            "closes_date": "2027-10-01",
            "closes_time": "17:00",
            "timezone": "Asia/Colombo",
            "cohort": cohort.pk,
        },
    )
    assert good.status_code == 302
    from intake.models import Call

    call = Call.objects.get(title="Call 2028")
    assert call.opens_at.isoformat() == "2027-09-01T03:30:00+00:00"


@pytest.mark.parametrize(
    "name", ["intake:call_list", "intake:call_create"], ids=["call_list", "call_create"]
)
def test_intake_pages_are_for_leads(cast, client_for, name):
    url = reverse(name)
    assert client_for("lead").get(url).status_code == 200
    for role in ("admin_a", "member_a", "mentor_a", "member_b"):
        assert client_for(role).get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_the_demo_has_an_open_call_with_two_applications(settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    for _ in range(2):  # idempotent
        call_command("seed_demo", stdout=io.StringIO())
    from intake.models import Call

    (call,) = Call.objects.open()
    applications = Application.objects.confirmed().filter(call=call)
    assert applications.count() == 2
    assert {a.language for a in applications} == {"en", "fr"}
    assert Review.objects.filter(application__call=call, score__isnull=False).count() == 1
    from intake.models import NewsletterIssue, Subscriber

    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 3
    assert NewsletterIssue.objects.filter(status="sent").count() == 1
    cache.clear()
    page = Client().get("/").content.decode()
    assert call.title in page and "CoST Malawi" in page or "Malawi" in page
