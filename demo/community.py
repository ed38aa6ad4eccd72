"""Demo content of the community: projects for every demo organisation, shared partners, one
pending and one accepted introduction. Seeded after the programme's organisations exist.

Idempotent: projects are found again by organisation and title, introductions by their two
organisations. Dates are relative to today. The story it tells: CCEAC and RIJLI work in Côte
d'Ivoire with the same chamber of commerce, entered with different spellings, so each sees the
other suggested for that reason; TIM's confidential project names a partner nobody else sees.
"""

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import Introduction, Project, Sector
from community.services.partners import partners_for_names
from mentoring.models import Organisation

P = Project.Stage
A = Project.Approach

# slug, title, summary, countries, sectors, stage, approach, years ago started, partners,
# confidential
PROJECTS = [
    (
        "cceac",
        "Integrity toolkit for Ivorian SMEs supplying Canadian buyers",
        "Training and a shared **code of conduct** for small suppliers of Canadian companies "
        "in Côte d'Ivoire, with the chamber of commerce as host.",
        ["CI", "CA"],
        ["SMEs"],
        P.IMPLEMENTING,
        A.CODE_OF_CONDUCT,
        2,
        ["Chambre de Commerce et d'Industrie de Côte d'Ivoire", "Export Development Canada"],
        False,
    ),
    (
        "rijli",
        "Jeunes et PME pour l'intégrité à Abidjan",
        "Des ateliers d'intégrité pour les PME d'Abidjan animés par de jeunes leaders, et un "
        "engagement collectif signé par les entreprises participantes.",
        ["CI"],
        ["SMEs"],
        P.AGREEMENT,
        A.CODE_OF_CONDUCT,
        1,
        ["chambre de commerce et d’industrie de cote d'ivoire", "Fédération Ivoirienne des PME"],
        False,
    ),
    (
        "cost-malawi",
        "Integrity pact for the Lilongwe–Mchinji road upgrade",
        "Disclosure of the contract data and an independent monitor for the road tender, "
        "agreed with the roads authority and the contractors' association.",
        ["MW"],
        ["Infrastructure", "Public procurement"],
        P.MONITORING,
        A.INTEGRITY_PACT,
        2,
        ["Roads Authority Malawi", "Malawi Contractors Association"],
        False,
    ),
    (
        "fafpi",
        "Port clearance without facilitation payments",
        "Shipping lines, freight forwarders and customs agree on one reporting channel and "
        "publish service times at the Lagos ports.",
        ["NG"],
        ["Customs"],
        P.FORMING,
        A.MULTI_STAKEHOLDER,
        1,
        ["Nigeria Customs Service", "Shippers' Association of Lagos"],
        False,
    ),
    (
        "ance-togo",
        "Pacte d'intégrité pour les marchés de l'eau à Lomé",
        "Un pacte d'intégrité entre la société des eaux, ses fournisseurs et les associations "
        "de consommateurs, avec un observateur indépendant.",
        ["TG"],
        ["Water and energy", "Public procurement"],
        P.FORMING,
        A.INTEGRITY_PACT,
        1,
        ["Société Togolaise des Eaux"],
        False,
    ),
    (
        "tim",
        "Business integrity forum of Mauritius",
        "A forum of listed companies sharing practice on beneficial ownership and third-party "
        "due diligence.",
        ["MU"],
        ["Public procurement"],
        P.IMPLEMENTING,
        A.MULTI_STAKEHOLDER,
        2,
        ["Business Mauritius"],
        False,
    ),
    (
        "tim",
        "Due diligence pilot with a state-owned enterprise",
        "Early talks with one state-owned enterprise about a due diligence pilot; not public "
        "until the board agrees.",
        ["MU"],
        ["Public procurement"],
        P.IDEA,
        A.OTHER,
        0,
        ["Port Louis Harbour Holdings"],
        True,
    ),
    (
        "ti-sri-lanka",
        "Integrity pacts in provincial procurement",
        "Integrity pacts and civil-society monitors for two provincial hospital tenders.",
        ["LK"],
        ["Health", "Public procurement"],
        P.IMPLEMENTING,
        A.INTEGRITY_PACT,
        1,
        ["Ministry of Health Sri Lanka", "Ceylon Chamber of Commerce"],
        False,
    ),
    (
        "integrity-hub-lk",
        "Integrity charter for Kandy exporters",
        "A draft charter for tea and spice exporters around Kandy.",
        ["LK"],
        ["SMEs"],
        P.IDEA,
        A.CODE_OF_CONDUCT,
        0,
        ["Ceylon Chamber of Commerce"],
        False,
    ),
]

# from slug, to slug, note, status, asked by, answered by / lead, contacts
INTRODUCTIONS = [
    (
        "ti-sri-lanka",
        "ance-togo",
        "We have run integrity pacts in hospital tenders for two years and would be glad to "
        "share our monitoring checklists for your water pact.",
        Introduction.Status.PENDING,
        "tisl.head@demo.example",
        None,
        ("tisl.head@demo.example", None),
    ),
    (
        "cost-malawi",
        "ti-sri-lanka",
        "Both of you run integrity pacts in public procurement: road works in Malawi, hospital "
        "tenders in Sri Lanka. Worth an hour together.",
        Introduction.Status.ACCEPTED,
        "lead@demo.example",
        "lead@demo.example",
        ("cost.manager@demo.example", "tisl.officer@demo.example"),
    ),
]


def _start(today: date, years_ago: int) -> date:
    return today.replace(day=1) - timedelta(days=365 * years_ago + 60)


def seed(*, now: datetime) -> None:
    today = timezone.localdate(now)
    organisations = Organisation.objects.in_bulk(field_name="slug")
    sectors = {s.name: s for s in Sector.objects.all()}
    people = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.example")}
    for (
        slug,
        title,
        summary,
        countries,
        sector_names,
        stage,
        approach,
        years,
        partners,
        secret,
    ) in PROJECTS:
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        project, _ = Project.objects.update_or_create(  # type: ignore[misc]  # CountryField(multiple=True) takes a list
            organisation=organisation,
            title=title,
            defaults={
                "summary": summary,
                "countries": countries,
                "stage": stage,
                "approach": approach,
                "start_date": _start(today, years),
                "end_date": None,
                "is_confidential": secret,
                "deleted_at": None,
            },
        )
        project.sectors.set([sectors[name] for name in sector_names if name in sectors])
        project.partners.set(partners_for_names(partners, country=countries[0]))
    for from_slug, to_slug, note, status, asked_by, lead, contacts in INTRODUCTIONS:
        first, second = organisations.get(from_slug), organisations.get(to_slug)
        if first is None or second is None:
            continue
        if Introduction.objects.filter(from_organisation=first, to_organisation=second).exists():
            continue
        Introduction.objects.create(
            from_organisation=first,
            to_organisation=second,
            note=note,
            status=status,
            requested_by=people.get(asked_by),
            introduced_by_lead=lead is not None,
            from_contact=people.get(contacts[0]),
            to_contact=people.get(contacts[1]) if contacts[1] else None,
            decided_by=people.get(lead) if lead else None,
            decided_at=now - timedelta(days=20) if status != Introduction.Status.PENDING else None,
        )
