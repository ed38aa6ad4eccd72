"""Demo content for mentoring: topics, goals, a season of session logs with action items, and
check-ins, for the mentorships that `seed_demo` creates.

Idempotent: a mentorship that already has session logs is left alone, so running the seed
again adds nothing. Dates of the recent sessions are relative to `now`, so that "needs
attention", due and overdue action items make sense on the day the demo is built.
"""

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from mentoring.models import ActionItem, CheckIn, Goal, Mentorship, Session, Topic

TOPICS = [
    ("Stakeholder mapping", "Cartographie des acteurs"),
    ("Integrity pact", "Pacte d'intégrité"),
    ("Funding", "Financement"),
    ("Communications", "Communication"),
    ("Working group with companies", "Groupe de travail avec les entreprises"),
    ("Monitoring and evaluation", "Suivi et évaluation"),
    ("Governance", "Gouvernance"),
    ("Advocacy", "Plaidoyer"),
]

# (topic indexes, summary, private note, [(action, owner, done)])
EN = [
    (
        [0],
        "We mapped who gains and who loses if procurement data is published: the road "
        "authority, two contractor associations, the auditor general and the press.\n\n"
        "- **Allies**: the contractors' association, the auditor general\n"
        "- **To convince**: the road authority's procurement unit",
        "The director is cautious about naming the road authority in public; go slowly.",
        [("Share the stakeholder map with the board", "organisation", True)],
    ),
    (
        [4],
        "First meeting of the working group with six companies. They agreed on a short "
        "statement of principles and on meeting every quarter.",
        "Two companies seemed there for the photo. Watch whether they come back.",
        [
            ("Circulate the draft statement of principles", "organisation", True),
            ("Send examples of working group charters", "mentor", True),
        ],
    ),
    (
        [2],
        "We reviewed the funding plan: the chapter depends on one donor for 80% of its "
        "budget. We listed three foundations and one business association to approach.",
        "Finances are fragile; the programme lead should know before the next cohort review.",
        [("Draft a one-page concept note for the foundations", "organisation", True)],
    ),
    (
        [3],
        "We worked on the messages for the launch of the disclosure portal: one for "
        "journalists, one for companies, one for the ministry.",
        "The communications officer is new and needs encouragement more than advice.",
        [("Prepare the press kit", "organisation", True)],
    ),
    (
        [1, 4],
        "The companies of the working group discussed an integrity pact for the next road "
        "tender. The ministry wants an independent monitor; we discussed who could play it.",
        "Possible conflict of interest: one monitor candidate sits on a contractor's board.",
        [
            ("Ask the ministry for the tender calendar", "organisation", True),
            ("Introduce the chapter to the CoST Honduras team", "mentor", True),
        ],
    ),
    (
        [5],
        "We set four indicators for the year (companies in the group, tenders monitored, "
        "disclosures published, media stories) and a simple spreadsheet to follow them.",
        "",
        [("Fill in the indicator sheet for the first quarter", "organisation", True)],
    ),
    (
        [6],
        "The board wants to review its conflict-of-interest policy. We went through a model "
        "policy and the points that matter for a small chapter.",
        "The chair may resist; the treasurer is an ally.",
        [("Put the policy on the board's agenda", "organisation", True)],
    ),
    (
        [7, 3],
        "We prepared the chapter's contribution to the public consultation on the "
        "procurement law: three concrete amendments, each with an example.",
        "",
        [("Submit the contribution before the deadline", "organisation", True)],
    ),
]
EN_RECENT = [
    (
        [1],
        "The integrity pact for the bridge tender is signed by the ministry and four bidders. "
        "The independent monitor starts next month.",
        "The ministry's legal adviser delayed the signature twice; keep an eye on him.",
        [
            ("Publish the signed pact on the website", "organisation", False),
            ("Share a monitoring report template", "mentor", False),
        ],
    ),
    (
        [2, 5],
        "We reviewed the indicators after six months and the grant application to the "
        "foundation. The application is strong; the budget needs a line for the monitor.",
        "The grant is decisive for the chapter's next two years.",
        [
            ("Revise the budget of the grant application", "organisation", False),
            ("Read the revised application and comment", "mentor", False),
        ],
    ),
]

FR = [
    (
        [0],
        "Nous avons cartographié les acteurs du secteur de l'eau : la société nationale, "
        "l'autorité de régulation, les associations de quartier et deux opérateurs privés.\n\n"
        "- **Alliés** : l'autorité de régulation\n- **À convaincre** : la société nationale",
        "Le président hésite à nommer la société nationale publiquement ; avancer prudemment.",
        [("Partager la cartographie avec le bureau", "organisation", True)],
    ),
    (
        [4],
        "Première réunion du groupe de travail avec cinq entreprises. Elles ont accepté une "
        "déclaration de principes et une réunion par trimestre.",
        "Deux entreprises semblaient venues pour la photo ; à suivre.",
        [
            ("Diffuser le projet de déclaration de principes", "organisation", True),
            ("Envoyer des exemples de chartes de groupes de travail", "mentor", True),
        ],
    ),
    (
        [2],
        "Revue du plan de financement : l'association dépend d'un seul bailleur. Nous avons "
        "identifié trois fondations et une chambre de commerce à solliciter.",
        "Situation financière fragile ; en parler à la responsable du programme.",
        [("Rédiger une note conceptuelle d'une page", "organisation", True)],
    ),
    (
        [3],
        "Nous avons préparé les messages de la campagne sur les factures d'eau : pour les "
        "consommateurs, pour les journalistes et pour le ministère.",
        "",
        [("Préparer le dossier de presse", "organisation", True)],
    ),
    (
        [1, 4],
        "Les entreprises du groupe ont discuté d'un pacte d'intégrité pour le prochain appel "
        "d'offres de compteurs. Le ministère souhaite un observateur indépendant.",
        "Risque de conflit d'intérêts : un candidat observateur conseille un soumissionnaire.",
        [
            ("Demander le calendrier de l'appel d'offres", "organisation", True),
            ("Mettre l'équipe en relation avec une ONG du Sénégal", "mentor", True),
        ],
    ),
    (
        [5],
        "Nous avons fixé quatre indicateurs pour l'année et un tableau simple pour les suivre.",
        "",
        [("Remplir le tableau du premier trimestre", "organisation", True)],
    ),
]
FR_RECENT = [
    (
        [1],
        "Le pacte d'intégrité pour l'appel d'offres des compteurs est signé par le ministère "
        "et trois soumissionnaires. L'observateur commence le mois prochain.",
        "Le conseiller juridique du ministère a retardé deux fois la signature.",
        [
            ("Publier le pacte signé sur le site", "organisation", False),
            ("Partager un modèle de rapport d'observation", "mentor", False),
        ],
    ),
    (
        [2, 5],
        "Revue des indicateurs à six mois et de la demande de subvention. La demande est "
        "solide ; le budget doit prévoir l'observateur.",
        "La subvention est décisive pour les deux prochaines années.",
        [
            ("Réviser le budget de la demande de subvention", "organisation", False),
            ("Relire la demande révisée", "mentor", False),
        ],
    ),
]

GOALS = {
    "en": [
        (
            "Run a working group of companies",
            Goal.Status.ACHIEVED,
            "Six companies meet every quarter and have signed a statement of principles.",
        ),
        (
            "Sign an integrity pact for a public tender",
            Goal.Status.IN_PROGRESS,
            "Signed for the bridge tender; the monitor starts next month.",
        ),
        ("Diversify funding", Goal.Status.IN_PROGRESS, "Grant application drafted."),
    ],
    "fr": [
        (
            "Animer un groupe de travail d'entreprises",
            Goal.Status.ACHIEVED,
            "Cinq entreprises se réunissent chaque trimestre.",
        ),
        (
            "Signer un pacte d'intégrité",
            Goal.Status.IN_PROGRESS,
            "Signé pour les compteurs ; l'observateur commence bientôt.",
        ),
        (
            "Diversifier les financements",
            Goal.Status.IN_PROGRESS,
            "Demande de subvention en cours.",
        ),
    ],
}

FRENCH_ORGANISATIONS = {"ance-togo", "rijli"}
# Active mentorships whose last session is long ago: they show "needs attention".
QUIET = {"tim"}


def _at(day: date, zone: str, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=zoneinfo.ZoneInfo(zone))


def _topics() -> list[Topic]:
    topics = []
    for position, (name, name_fr) in enumerate(TOPICS):
        topic, _ = Topic.objects.update_or_create(
            name=name, defaults={"name_fr": name_fr, "position": position}
        )
        topics.append(topic)
    return topics


def _schedule(mentorship: Mentorship, today: date) -> list[tuple[date, bool]]:
    """Dates of the sessions and whether each is one of the recent ones."""
    start = mentorship.start_date
    if mentorship.status == Mentorship.Status.CLOSED:
        return [(start + timedelta(days=14 + 45 * n), False) for n in range(8)]
    early = [(start + timedelta(days=14 + 60 * n), False) for n in range(6)]
    if mentorship.organisation.slug in QUIET:
        recent = [(today - timedelta(days=130), True), (today - timedelta(days=75), True)]
    else:
        recent = [(today - timedelta(days=45), True), (today - timedelta(days=12), True)]
    return early + recent


def _seed_mentorship(mentorship: Mentorship, topics: list[Topic], now: datetime) -> None:
    organisation = mentorship.organisation
    french = organisation.slug in FRENCH_ORGANISATIONS
    pool, recent_pool = (FR, FR_RECENT) if french else (EN, EN_RECENT)
    mentors = list(mentorship.mentors.order_by("email"))
    members = list(
        get_user_model().objects.filter(memberships__organisation=organisation).order_by("email")
    )
    closed = mentorship.status == Mentorship.Status.CLOSED
    goals = [
        Goal.objects.create(
            mentorship=mentorship,
            title=title,
            status=Goal.Status.ACHIEVED if closed else status,
            progress_notes=notes,
            target_date=now.date() + timedelta(days=120)
            if status == Goal.Status.IN_PROGRESS and not closed
            else mentorship.start_date + timedelta(days=300),
            updated_by=mentors[0],
        )
        for title, status, notes in GOALS["fr" if french else "en"]
    ]
    today = now.date()
    schedule = _schedule(mentorship, today)
    for n, (day, recent) in enumerate(schedule):
        topic_ids, summary, private, actions = (
            recent_pool[n % len(recent_pool)] if recent else pool[n % len(pool)]
        )
        author = mentors[n % len(mentors)]
        started_at = _at(day, organisation.timezone, hour=9 + n % 3 * 2)
        is_last = n == len(schedule) - 1
        next_at = None
        quiet = organisation.slug in QUIET
        if is_last and mentorship.status == Mentorship.Status.ACTIVE and not quiet:
            next_at = _at(today + timedelta(days=16), organisation.timezone, hour=10)
        session = Session.objects.create(
            mentorship=mentorship,
            author=author,
            updated_by=author,
            started_at=started_at,
            duration_minutes=[60, 75, 90, 45][n % 4],
            format=[Session.Format.ONLINE, Session.Format.ONLINE, Session.Format.PHONE][n % 3]
            if n % 5
            else Session.Format.IN_PERSON,
            location="https://meet.example.org/ca-mentoring" if n % 5 else organisation.city,
            summary=summary,
            private_notes=private,
            next_session_at=next_at,
        )
        session.topics.set([topics[i] for i in topic_ids])
        session.attendees.set(members[: 1 + n % max(len(members), 1)])
        session.goals.set([goals[min(topic_ids[0] % 3, len(goals) - 1)]])
        for position, (text, owner, done) in enumerate(actions, start=1):
            due = day + timedelta(days=21)
            person = None
            if owner == ActionItem.Owner.MENTOR:
                person = author
            elif members and position == 1:
                person = members[n % len(members)]
            done_now = done or (recent and due < today - timedelta(days=20) and position == 2)
            ActionItem.objects.create(
                session=session,
                text=text,
                owner=owner,
                owner_person=person,
                due_date=due,
                position=position,
                done_at=started_at + timedelta(days=10) if done_now else None,
                done_by=person if done_now else None,
            )
    _check_ins(mentorship, mentors, members, today)


def _check_ins(mentorship: Mentorship, mentors, members, today: date) -> None:
    stages = [CheckIn.Stage.START, CheckIn.Stage.MIDPOINT]
    if mentorship.status == Mentorship.Status.CLOSED:
        stages.append(CheckIn.Stage.END)
    french = mentorship.organisation.slug in FRENCH_ORGANISATIONS
    for n, stage in enumerate(stages):
        CheckIn.objects.create(
            mentorship=mentorship,
            stage=stage,
            side=CheckIn.Side.MENTOR,
            respondent=mentors[0],
            usefulness=4,
            progress=2 + n,
            what_changed="The team now plans its advocacy around named stakeholders."
            if n
            else "We agreed on goals and a rhythm of monthly sessions.",
            what_is_needed="Introductions to peers in other chapters.",
        )
        waiting = stage == CheckIn.Stage.MIDPOINT and mentorship.organisation.slug in QUIET
        if members and not waiting:
            CheckIn.objects.create(
                mentorship=mentorship,
                stage=stage,
                side=CheckIn.Side.ORGANISATION,
                respondent=members[0],
                usefulness=5 - (n == 0),
                progress=2 + n,
                what_changed=(
                    "Nous savons mieux à qui parler et comment."
                    if french
                    else "We know better whom to talk to, and how."
                ),
                what_is_needed=(
                    "Des exemples d'autres pays." if french else "Examples from other countries."
                ),
            )


def seed(*, now: datetime) -> None:
    topics = _topics()
    mentorships = (
        Mentorship.objects.select_related("organisation")
        .filter(mentors__isnull=False)
        .distinct()
        .order_by("organisation__slug")
    )
    for mentorship in mentorships:
        if Session.all_objects.filter(mentorship=mentorship).exists():
            continue
        _seed_mentorship(mentorship, topics, now)
