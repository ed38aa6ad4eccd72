"""The demo programme itself: the 2022 and 2023 cohorts, their organisations and fictitious
people, and the applicant with its pending invitation."""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from mentoring.models import Cohort, FocusArea, Membership, Mentorship, Organisation
from mentoring.roles import Role
from portal.models import Invitation, User

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - a published demo login, refused when DEBUG is off

COHORTS = {2022: "Pilot cohort", 2023: "Second cohort"}

FOCUS_AREAS = [
    "Public procurement",
    "Infrastructure transparency",
    "SMEs and integrity",
    "Facilitation payments",
    "Consumer protection",
    "Youth engagement",
    "Integrity pacts",
    "Beneficial ownership",
]

ORGANISATIONS = [
    {
        "slug": "cceac",
        "name": "Canadian Centre of Excellence for Anti-Corruption",
        "acronym": "CCEAC",
        "country": "CA",
        "city": "Ottawa",
        "timezone": "America/Toronto",
        "kind": Organisation.Kind.EXPERTISE,
        "cohort": 2022,
        "status": Organisation.Status.ALUMNI,
        "focus": ["SMEs and integrity", "Public procurement"],
        "description": (
            "A centre of expertise bringing together researchers and practitioners to help "
            "Canadian companies and their partners abroad prevent corruption.\n\n"
            "In the programme we work on **Collective Action with small and medium "
            "enterprises**, including a project in Côte d'Ivoire."
        ),
    },
    {
        "slug": "rijli",
        "name": "Réseau Ivoirien des Jeunes Leaders pour l'Intégrité",
        "acronym": "RIJLI",
        "country": "CI",
        "city": "Abidjan",
        "timezone": "Africa/Abidjan",
        "kind": Organisation.Kind.YOUTH,
        "cohort": 2022,
        "status": Organisation.Status.ALUMNI,
        "focus": ["Youth engagement", "SMEs and integrity"],
        "description": (
            "Un réseau de jeunes leaders qui mobilise les entreprises et les pouvoirs publics "
            "ivoiriens autour de l'intégrité.\n\n- ateliers avec les PME\n- plaidoyer local"
        ),
    },
    {
        "slug": "cost-malawi",
        "name": "CoST Malawi",
        "acronym": "CoST Malawi",
        "country": "MW",
        "city": "Lilongwe",
        "timezone": "Africa/Blantyre",
        "kind": Organisation.Kind.COST_CHAPTER,
        "cohort": 2023,
        "status": Organisation.Status.ACTIVE,
        "focus": ["Infrastructure transparency", "Public procurement"],
        "description": (
            "The Malawi chapter of the CoST Infrastructure Transparency Initiative: disclosure "
            "and assurance of public infrastructure projects, with industry and government."
        ),
    },
    {
        "slug": "fafpi",
        "name": "Fight Against Facilitation Payments Initiative",
        "acronym": "FAFPI",
        "country": "NG",
        "city": "Lagos",
        "timezone": "Africa/Lagos",
        "kind": Organisation.Kind.BUSINESS,
        "cohort": 2023,
        "status": Organisation.Status.ACTIVE,
        "focus": ["Facilitation payments", "SMEs and integrity"],
        "description": (
            "A business-led initiative helping companies refuse facilitation payments together, "
            "with reporting channels and shared standards."
        ),
    },
    {
        "slug": "ance-togo",
        "name": "Alliance Nationale des Consommateurs et de l'Environnement",
        "acronym": "ANCE Togo",
        "country": "TG",
        "city": "Lomé",
        "timezone": "Africa/Lome",
        "kind": Organisation.Kind.CONSUMER,
        "cohort": 2023,
        "status": Organisation.Status.ACTIVE,
        "focus": ["Consumer protection", "Integrity pacts"],
        "description": (
            "Association de consommateurs qui défend l'intérêt public et l'environnement au Togo. "
            "Nous préparons une **action collective** avec les fournisseurs d'eau et d'énergie."
        ),
    },
    {
        "slug": "tim",
        "name": "Transparency International Mauritius",
        "acronym": "TIM",
        "country": "MU",
        "city": "Port Louis",
        "timezone": "Indian/Mauritius",
        "kind": Organisation.Kind.TI_CHAPTER,
        "cohort": 2023,
        "status": Organisation.Status.ACTIVE,
        "focus": ["Beneficial ownership", "Public procurement"],
        "description": (
            "The national chapter of Transparency International in Mauritius, working with "
            "the private sector on business integrity."
        ),
    },
    {
        "slug": "ti-sri-lanka",
        "name": "Transparency International Sri Lanka",
        "acronym": "TISL",
        "country": "LK",
        "city": "Colombo",
        "timezone": "Asia/Colombo",
        "kind": Organisation.Kind.TI_CHAPTER,
        "cohort": 2023,
        "status": Organisation.Status.ACTIVE,
        "focus": ["Integrity pacts", "Public procurement"],
        "description": (
            "The national chapter of Transparency International in Sri Lanka; integrity pacts "
            "in public procurement and a business integrity forum."
        ),
    },
]

# email, name, role, timezone, language
LEADS = [
    ("lead@demo.example", "Hanna Keller", "Europe/Zurich", "en"),
    ("lead2@demo.example", "Marc Aebischer", "Europe/Zurich", "fr"),
]
MENTORS = [
    ("mentor@demo.example", "Elena Rossi", "Europe/Zurich", "en"),
    ("mentor2@demo.example", "Koffi Mensah", "Africa/Accra", "fr"),
    ("mentor3@demo.example", "Anjali Perera", "Asia/Colombo", "en"),
]
# organisation slug -> [(email, name, timezone, language, is_admin)]
MEMBERS = {
    "cceac": [
        ("cceac.director@demo.example", "Olivia Tremblay", "America/Toronto", "en", True),
        ("cceac.research@demo.example", "Daniel Wong", "America/Toronto", "en", False),
    ],
    "rijli": [
        ("rijli.coord@demo.example", "Awa Koné", "Africa/Abidjan", "fr", True),
        ("rijli.projets@demo.example", "Yao Kouassi", "Africa/Abidjan", "fr", False),
    ],
    "cost-malawi": [
        ("cost.manager@demo.example", "Chikondi Banda", "Africa/Blantyre", "en", True),
        ("cost.officer@demo.example", "Thokozani Phiri", "Africa/Blantyre", "en", False),
        ("cost.comms@demo.example", "Grace Mwale", "Africa/Blantyre", "en", False),
    ],
    "fafpi": [
        ("fafpi.lead@demo.example", "Ngozi Adeyemi", "Africa/Lagos", "en", True),
        ("fafpi.analyst@demo.example", "Tunde Bakare", "Africa/Lagos", "en", False),
    ],
    "ance-togo": [
        ("mentee@demo.example", "Kossi Agbeko", "Africa/Lome", "fr", True),
        ("ance.juriste@demo.example", "Afi Mensah", "Africa/Lome", "fr", False),
        ("ance.terrain@demo.example", "Komlan Adjo", "Africa/Lome", "fr", False),
    ],
    "tim": [
        ("tim.director@demo.example", "Priya Ramgoolam", "Indian/Mauritius", "en", True),
        ("tim.programme@demo.example", "Jean-Marc Laval", "Indian/Mauritius", "fr", False),
    ],
    "ti-sri-lanka": [
        ("tisl.head@demo.example", "Dilani Fernando", "Asia/Colombo", "en", True),
        ("tisl.officer@demo.example", "Ruwan Jayasinghe", "Asia/Colombo", "en", False),
    ],
}
# organisation slug -> (mentor emails, start, status)
MENTORSHIPS = {
    "cceac": (["mentor@demo.example"], date(2022, 3, 1), Mentorship.Status.CLOSED),
    "rijli": (["mentor2@demo.example"], date(2022, 3, 1), Mentorship.Status.CLOSED),
    "cost-malawi": (["mentor@demo.example"], date(2023, 2, 1), Mentorship.Status.ACTIVE),
    "fafpi": (["mentor3@demo.example"], date(2023, 2, 1), Mentorship.Status.ACTIVE),
    "ance-togo": (
        ["mentor@demo.example", "mentor2@demo.example"],
        date(2023, 2, 1),
        Mentorship.Status.ACTIVE,
    ),
    "tim": (["mentor2@demo.example"], date(2023, 2, 15), Mentorship.Status.ACTIVE),
    "ti-sri-lanka": (["mentor3@demo.example"], date(2023, 2, 15), Mentorship.Status.ACTIVE),
}

DEMO_LOGINS = [
    ("lead@demo.example", "programme lead"),
    ("mentor@demo.example", "mentor (CoST Malawi, ANCE Togo)"),
    ("mentee@demo.example", "mentee, admin of ANCE Togo, French"),
]


def person(email, name, role, tz, language) -> User:
    user, created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": name,
            "role": role,
            "timezone": tz,
            "language": language,
            "is_active": True,
        },
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed() -> None:
    """Cohorts, focus areas, leads, mentors, organisations, members, mentorships and the
    applicant with its pending invitation."""
    cohorts = {
        year: Cohort.objects.get_or_create(year=year, name=name)[0]
        for year, name in COHORTS.items()
    }
    areas = {name: FocusArea.objects.get_or_create(name=name)[0] for name in FOCUS_AREAS}
    for email, name, tz, lang in LEADS:
        person(email, name, Role.LEAD, tz, lang)
    mentors = {
        email: person(email, name, Role.MENTOR, tz, lang) for email, name, tz, lang in MENTORS
    }
    for spec in ORGANISATIONS:
        spec = dict(spec)
        focus = spec.pop("focus")
        slug = spec.pop("slug")
        spec["cohort"] = cohorts[spec["cohort"]]
        organisation, _ = Organisation.objects.update_or_create(slug=slug, defaults=spec)
        organisation.focus_areas.set([areas[name] for name in focus])
        for email, name, tz, lang, is_admin in MEMBERS[slug]:
            user = person(email, name, Role.MENTEE, tz, lang)
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"is_admin": is_admin}
            )
        mentor_emails, start, status = MENTORSHIPS[slug]
        mentorship, _ = Mentorship.objects.update_or_create(
            organisation=organisation,
            start_date=start,
            defaults={
                "status": status,
                # Closed mentorships ran their year; active ones were extended and
                # end next season, so the demo's check-ins and reminders stay current.
                "planned_end_date": start + timedelta(days=365)
                if status == Mentorship.Status.CLOSED
                else timezone.localdate() + timedelta(days=120),
                "closing_summary": (
                    "One year of monthly sessions; the organisation now runs its own "
                    "Collective Action working group."
                    if status == Mentorship.Status.CLOSED
                    else ""
                ),
            },
        )
        mentorship.mentors.set([mentors[e] for e in mentor_emails])
    applicant, _ = Organisation.objects.update_or_create(
        slug="integrity-hub-lk",
        defaults={
            "name": "Lanka Business Integrity Hub",
            "acronym": "LBIH",
            "country": "LK",
            "city": "Kandy",
            "timezone": "Asia/Colombo",
            "kind": Organisation.Kind.BUSINESS,
            "status": Organisation.Status.APPLICANT,
            "description": "A new business initiative that has applied to join in 2024.",
        },
    )
    lead = User.objects.get(email="lead@demo.example")
    if not Invitation.objects.filter(email="newcomer@demo.example").exists():
        invitation = Invitation(
            email="newcomer@demo.example",
            full_name="Sipho Dlamini",
            role=Role.MENTEE,
            organisation=applicant,
            is_admin=True,
            invited_by=lead,
            sent_at=timezone.now(),
            send_count=1,
        )
        invitation.new_token()
        invitation.save()
