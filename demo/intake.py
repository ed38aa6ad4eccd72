"""The demo's public face and intake: the programme page in English and French, an open call
for next year's cohort with two confirmed applications (one in French) and one lead's score,
the demo organisations that agreed to be listed publicly, three confirmed newsletter
subscribers and last quarter's issue, sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from intake.models import (
    Application,
    Call,
    Delivery,
    NewsletterIssue,
    ProgrammeText,
    Review,
    Subscriber,
    hash_token,
)
from intake.normalise import name_key
from mentoring.models import Cohort, Organisation

TEXTS = {
    "en": {
        "offer": (
            "The programme pairs organisations that fight corruption through **Collective "
            "Action** with experienced mentors for a year, and brings the organisations "
            "together every quarter to learn from each other.\n\n"
            "It is for Transparency International and CoST chapters, consumer and youth "
            "networks, business initiatives and centres of expertise that lead or join a "
            "Collective Action initiative."
        ),
        "funders": "Funded by a fictitious foundation for this demo.",
        "links": "B20 Collective Action Hub | https://www.collective-action.com",
    },
    "fr": {
        "offer": (
            "Le programme associe pendant un an des organisations qui luttent contre la "
            "corruption par l'**Action collective** à des mentors expérimentés, et les réunit "
            "chaque trimestre pour qu'elles apprennent les unes des autres.\n\n"
            "Il s'adresse aux sections de Transparency International et de CoST, aux réseaux de "
            "consommateurs et de jeunes, aux initiatives d'entreprises et aux centres "
            "d'expertise qui mènent une initiative d'Action collective ou y participent."
        ),
        "funders": "Financé par une fondation fictive pour cette démonstration.",
        "links": "B20 Collective Action Hub | https://www.collective-action.com",
    },
}

APPLICATIONS = [
    {
        "organisation_name": "Réseau Sénégalais pour l'Intégrité dans les Marchés",
        "country": "SN",
        "kind": Organisation.Kind.CONSUMER,
        "contact_name": "Fatou Diop",
        "contact_email": "fatou.diop@applicant.example",
        "language": "fr",
        "website": "https://rsim.example",
        "challenge": (
            "Les petites entreprises de Thiès disent payer pour obtenir des marchés communaux. "
            "Nous voulons réunir la mairie, la chambre de commerce et les PME autour d'un pacte."
        ),
        "hopes": "Un mentor qui a déjà accompagné un pacte d'intégrité local.",
        "answer": "Quatorze organisations et deux communes.",
    },
    {
        "organisation_name": "Kenya Procurement Watch",
        "country": "KE",
        "kind": Organisation.Kind.BUSINESS,
        "contact_name": "Wanjiru Kamau",
        "contact_email": "w.kamau@applicant.example",
        "language": "en",
        "website": "https://kpw.example",
        "challenge": (
            "Suppliers to county hospitals face informal payments at delivery. We want a "
            "sector code of conduct that suppliers and counties sign together."
        ),
        "hopes": "Help to design the monitoring of a code of conduct.",
        "answer": "Nine suppliers and one county health department.",
    },
]


def seed(*, now: datetime) -> None:
    lead = get_user_model().objects.get(email="lead@demo.example")
    seed_newsletter(now=now, lead=lead)
    for language, fields in TEXTS.items():
        ProgrammeText.objects.update_or_create(language=language, defaults=fields)
    Organisation.objects.filter(
        slug__in=["cost-malawi", "ance-togo", "tim", "ti-sri-lanka", "fafpi"]
    ).update(public_listing=True)
    cohort, _ = Cohort.objects.get_or_create(year=now.year + 1, name=f"Cohort {now.year + 1}")
    call, _ = Call.objects.update_or_create(
        title=f"Call for the {now.year + 1} cohort",
        defaults={
            "description": "Five places for organisations starting a Collective Action project.",
            "opens_at": now - timedelta(days=10),
            "closes_at": now + timedelta(days=25),
            "timezone": "Europe/Zurich",
            "cohort": cohort,
            "questions": "How many organisations take part in your initiative?",
            "created_by": lead,
        },
    )
    for n, spec in enumerate(APPLICATIONS):
        spec = dict(spec)
        answer = spec.pop("answer")
        application, _ = Application.objects.update_or_create(
            call=call,
            name_key=name_key(spec["organisation_name"]),
            defaults={
                **spec,
                "answers": [{"question": call.question_list()[0], "answer": answer}],
                "confirm_token_hash": hash_token(f"demo-confirm-{n}"),
                "read_token_hash": hash_token(f"demo-read-{n}"),
                "confirmed_at": now - timedelta(days=3 + n),
                "submitted_at": now - timedelta(days=3 + n, hours=1),
            },
        )
        if n == 0:
            Review.objects.update_or_create(
                application=application,
                lead=lead,
                defaults={"score": 4, "notes": "A clear local coalition; a good fit for Koffi."},
            )


SUBSCRIBERS = [
    ("reader.lome@newsletter.example", "fr"),
    ("reader.colombo@newsletter.example", "en"),
    ("reader.ottawa@newsletter.example", "en"),
]


def seed_newsletter(*, now: datetime, lead) -> None:
    subscribers = []
    for n, (email, language) in enumerate(SUBSCRIBERS):
        subscriber, _ = Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "language": language,
                "consent_text": "I would like to receive the programme's quarterly newsletter.",
                "consented_at": now - timedelta(days=120 + n),
                "confirmed_at": now - timedelta(days=120 + n, hours=-1),
                "confirm_token_hash": hash_token(f"demo-newsletter-{n}"),
            },
        )
        subscribers.append(subscriber)
    issue, _ = NewsletterIssue.objects.update_or_create(
        title="Last quarter in the programme",
        defaults={
            "subject_en": "Last quarter in the programme",
            "body_en": (
                "## The programme last quarter\n\n- The quarterly community meeting on "
                "integrity pacts\n- Two organisations started a shared project in Côte d'Ivoire"
            ),
            "subject_fr": "Le programme au dernier trimestre",
            "body_fr": (
                "## Le programme au dernier trimestre\n\n- La réunion trimestrielle sur les "
                "pactes d'intégrité\n- Deux organisations ont lancé un projet commun en "
                "Côte d'Ivoire"
            ),
            "status": NewsletterIssue.Status.SENT,
            "sent_at": now - timedelta(days=60),
            "created_by": lead,
        },
    )
    for subscriber in subscribers:
        Delivery.objects.get_or_create(
            issue=issue, subscriber=subscriber, defaults={"sent_at": now - timedelta(days=60)}
        )
