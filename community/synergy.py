"""Which organisations could talk to each other, and why. Pure: no database, no translation.

The selector (`selectors.synergy_facts`) feeds this module only what may be shared (never a
confidential or trashed project); `reasons.describe` turns a `Reason` into words in the
reader's language. Weights say what matters most to practitioners: working with the same
partner is what made two mentees on the Abidjan waterfront want to talk, so it outweighs
everything else; a shared country *and* sector comes next (same market, same companies);
the same approach or the same stage is a weaker hint that only orders the rest.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

PARTNER = "partner"
COUNTRY_SECTOR = "country_sector"
APPROACH = "approach"
STAGE = "stage"

WEIGHTS = {PARTNER: 100, COUNTRY_SECTOR: 30, APPROACH: 10, STAGE: 5}


@dataclass(frozen=True)
class ProjectFacts:
    """What a project shares with the community."""

    organisation_id: int
    countries: frozenset[str] = frozenset()
    sectors: frozenset[int] = frozenset()
    partners: frozenset[int] = frozenset()
    approach: str = ""
    stage: str = ""


@dataclass(frozen=True, order=True)
class Reason:
    """One thing two organisations share. `subject` is a partner id, a sector id, an approach
    or a stage; `country` is where it happens (for a partner, where both work with it)."""

    kind: str
    subject: int | str
    country: str = ""

    @property
    def weight(self) -> int:
        return WEIGHTS[self.kind]


@dataclass
class Suggestion:
    organisation_id: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(reason.weight for reason in self.reasons)


@dataclass(frozen=True)
class Pair:
    organisation_ids: tuple[int, int]
    reasons: tuple[Reason, ...]

    @property
    def score(self) -> int:
        return sum(reason.weight for reason in self.reasons)


def shared(a: ProjectFacts, b: ProjectFacts) -> set[Reason]:
    """What two projects have in common, each thing once."""
    found: set[Reason] = set()
    common_countries = sorted(a.countries & b.countries)
    for partner in a.partners & b.partners:
        found.add(Reason(PARTNER, partner, common_countries[0] if common_countries else ""))
    for country in common_countries:
        for sector in a.sectors & b.sectors:
            found.add(Reason(COUNTRY_SECTOR, sector, country))
    if a.approach and a.approach == b.approach:
        found.add(Reason(APPROACH, a.approach))
    if a.stage and a.stage == b.stage:
        found.add(Reason(STAGE, a.stage))
    return found


def _strongest_first(reasons: Iterable[Reason]) -> list[Reason]:
    """Strongest first; one reason per (kind, subject), keeping the one with a country."""
    best: dict[tuple[str, int | str], Reason] = {}
    for reason in sorted(reasons, key=lambda r: (r.country == "", r)):
        best.setdefault((reason.kind, reason.subject), reason)
    return sorted(best.values(), key=lambda r: (-r.weight, r))


def _pair_reasons(projects: Iterable[ProjectFacts]) -> dict[tuple[int, int], set[Reason]]:
    by_org: dict[int, list[ProjectFacts]] = defaultdict(list)
    for project in projects:
        by_org[project.organisation_id].append(project)
    found: dict[tuple[int, int], set[Reason]] = {}
    for first, second in combinations(sorted(by_org), 2):
        reasons: set[Reason] = set()
        for a in by_org[first]:
            for b in by_org[second]:
                reasons |= shared(a, b)
        if reasons:
            found[(first, second)] = reasons
    return found


def rank_for(organisation_id: int, projects: Iterable[ProjectFacts]) -> list[Suggestion]:
    """The other organisations, best match first (ties by id, so the order is stable).
    Only this organisation's projects are compared with the others: linear in the data."""
    projects = list(projects)
    own = [p for p in projects if p.organisation_id == organisation_id]
    found: dict[int, set[Reason]] = defaultdict(set)
    for other in projects:
        if other.organisation_id == organisation_id:
            continue
        for mine in own:
            found[other.organisation_id] |= shared(mine, other)
    suggestions = [Suggestion(org, _strongest_first(r)) for org, r in found.items() if r]
    return sorted(suggestions, key=lambda s: (-s.score, s.organisation_id))


def strongest_pairs(
    projects: Iterable[ProjectFacts], *, explored: Iterable[frozenset[int]] = (), limit: int = 10
) -> list[Pair]:
    """Programme-wide: the best-matched pairs of organisations not yet introduced."""
    explored = set(explored)
    pairs = [
        Pair(key, tuple(_strongest_first(reasons)))
        for key, reasons in _pair_reasons(projects).items()
        if frozenset(key) not in explored
    ]
    return sorted(pairs, key=lambda p: (-p.score, p.organisation_ids))[:limit]
