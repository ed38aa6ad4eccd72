"""Reads that cross relations, for suggestions, the dashboard and the reports.

Everything here that others see starts from `Project.objects.shareable()`: a confidential
project (or a trashed one, or an applicant's) never contributes to suggestions, reasons or
counts. Query counts do not grow with the data: three queries for the facts, one per kind of
name.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import get_language

from mentoring import permissions as core
from mentoring.models import Organisation

from .models import Introduction, Partner, Project, Sector
from .reasons import describe
from .synergy import PARTNER, Pair, ProjectFacts, rank_for, strongest_pairs


def synergy_facts() -> list[ProjectFacts]:
    projects = list(
        Project.objects.shareable().values_list(
            "pk", "organisation_id", "countries", "approach", "stage"
        )
    )
    ids = [row[0] for row in projects]
    sectors: dict[int, set[int]] = defaultdict(set)
    for project_id, sector_id in Project.sectors.through.objects.filter(
        project_id__in=ids
    ).values_list("project_id", "sector_id"):
        sectors[project_id].add(sector_id)
    partners: dict[int, set[int]] = defaultdict(set)
    for project_id, partner_id in Project.partners.through.objects.filter(
        project_id__in=ids
    ).values_list("project_id", "partner_id"):
        partners[project_id].add(partner_id)
    return [
        ProjectFacts(
            organisation_id=org_id,
            countries=frozenset(c for c in (countries or "").split(",") if c),
            sectors=frozenset(sectors[pk]),
            partners=frozenset(partners[pk]),
            approach=approach,
            stage=stage,
        )
        for pk, org_id, countries, approach, stage in projects
    ]


@dataclass
class Named:
    """A suggestion or pair ready for a page: organisations and reasons in words."""

    organisations: list[Organisation]
    reasons: list[str]
    score: int


class _Names:
    """Partner and sector names, looked up once for all reasons shown on a page."""

    def __init__(self, reasons):
        partner_ids = {r.subject for r in reasons if r.kind == PARTNER}
        self.partners = dict(Partner.objects.filter(pk__in=partner_ids).values_list("pk", "name"))
        self.sectors = {s.pk: s.label for s in Sector.objects.all()} if reasons else {}
        self.language = get_language()

    def words(self, reasons) -> list[str]:
        return [describe(r, partners=self.partners, sectors=self.sectors) for r in reasons]


def suggestions_for(user, organisation: Organisation, *, limit: int = 5) -> list[Named]:
    """Organisations `organisation` could talk to, among those the viewer may see."""
    ranked = rank_for(organisation.pk, synergy_facts())
    visible = {
        o.pk: o
        for o in core.organisations_visible_to(user).filter(
            pk__in=[s.organisation_id for s in ranked]
        )
    }
    ranked = [s for s in ranked if s.organisation_id in visible][:limit]
    names = _Names([r for s in ranked for r in s.reasons])
    return [
        Named([visible[s.organisation_id]], names.words(s.reasons[:3]), s.score) for s in ranked
    ]


def explored_pairs() -> set[frozenset[int]]:
    return {
        frozenset(pair)
        for pair in Introduction.objects.exclude(status=Introduction.Status.DECLINED).values_list(
            "from_organisation_id", "to_organisation_id"
        )
    }


def unexplored_pairs(*, limit: int = 8) -> list[Named]:
    """For the leads' dashboard: the strongest pairs with no introduction asked or made."""
    pairs: list[Pair] = strongest_pairs(synergy_facts(), explored=explored_pairs(), limit=limit)
    ids = {i for p in pairs for i in p.organisation_ids}
    organisations = Organisation.objects.in_bulk(ids)
    names = _Names([r for p in pairs for r in p.reasons])
    return [
        Named([organisations[i] for i in p.organisation_ids], names.words(p.reasons[:3]), p.score)
        for p in pairs
    ]


def introductions_made(scope) -> int:
    """Accepted introductions (asked and accepted, or made by a lead) answered in the period
    and touching an organisation of the scope: a programme outcome for the funder report and
    the year in review. `scope` is the dashboard's Scope (`period_q`, `organisation_q`)."""
    return Introduction.objects.filter(
        scope.period_q("decided_at"),
        scope.organisation_q("from_organisation__") | scope.organisation_q("to_organisation__"),
        status=Introduction.Status.ACCEPTED,
    ).count()


def introductions_awaiting(user):
    """Introductions waiting for this person's answer, as an admin of the asked side."""
    return Introduction.objects.filter(
        to_organisation_id__in=core.admin_organisation_ids(user),
        status=Introduction.Status.PENDING,
        introduced_by_lead=False,
    )
