"""The ranking on a hand-built fixture: no database."""

from community.synergy import (
    APPROACH,
    COUNTRY_SECTOR,
    PARTNER,
    STAGE,
    ProjectFacts,
    Reason,
    rank_for,
    shared,
    strongest_pairs,
)

CHAMBER, BANK = 1, 2
SMES, HEALTH = 10, 11
A, B, C, D, E = 1, 2, 3, 4, 5

PROGRAMME = [
    # A and B work with the same chamber in Côte d'Ivoire, on SMEs, same approach.
    ProjectFacts(
        A, frozenset({"CI", "CA"}), frozenset({SMES}), frozenset({CHAMBER}), "code", "implementing"
    ),
    ProjectFacts(
        B, frozenset({"CI"}), frozenset({SMES}), frozenset({CHAMBER}), "code", "agreement"
    ),
    # C shares a country and sector with A (no partner), and the stage.
    ProjectFacts(C, frozenset({"CA"}), frozenset({SMES}), frozenset(), "pact", "implementing"),
    # D shares only an approach with A.
    ProjectFacts(D, frozenset({"NG"}), frozenset({HEALTH}), frozenset({BANK}), "code", "idea"),
    # E shares nothing with anybody.
    ProjectFacts(E, frozenset({"LK"}), frozenset(), frozenset(), "other", "ended"),
]


def test_a_shared_partner_outranks_everything_and_comes_first_in_the_reasons():
    ranked = rank_for(A, PROGRAMME)
    assert [s.organisation_id for s in ranked] == [B, C, D]
    assert ranked[0].reasons[0] == Reason(PARTNER, CHAMBER, "CI")
    assert ranked[0].score == 100 + 30 + 10


def test_country_and_sector_beat_approach_and_stage():
    by_org = {s.organisation_id: s for s in rank_for(A, PROGRAMME)}
    assert [r.kind for r in by_org[C].reasons] == [COUNTRY_SECTOR, STAGE]
    assert by_org[C].reasons[0] == Reason(COUNTRY_SECTOR, SMES, "CA")
    assert [r.kind for r in by_org[D].reasons] == [APPROACH]
    assert by_org[C].score > by_org[D].score


def test_an_organisation_sharing_nothing_is_never_suggested():
    assert rank_for(E, PROGRAMME) == []
    assert all(s.organisation_id != E for s in rank_for(A, PROGRAMME))


def test_a_partner_without_a_common_country_is_still_a_reason_without_a_place():
    a = ProjectFacts(A, frozenset({"CI"}), partners=frozenset({BANK}))
    d = ProjectFacts(D, frozenset({"NG"}), partners=frozenset({BANK}))
    assert shared(a, d) == {Reason(PARTNER, BANK, "")}


def test_each_reason_counts_once_across_several_projects():
    twice = [
        *PROGRAMME,
        ProjectFacts(B, frozenset({"CI"}), frozenset({SMES}), frozenset({CHAMBER})),
    ]
    assert rank_for(A, twice)[0].score == rank_for(A, PROGRAMME)[0].score


def test_strongest_pairs_leave_out_pairs_already_introduced():
    pairs = strongest_pairs(PROGRAMME)
    assert pairs[0].organisation_ids == (A, B)
    pairs = strongest_pairs(PROGRAMME, explored=[frozenset({A, B})])
    assert (A, B) not in [p.organisation_ids for p in pairs]
    assert pairs[0].organisation_ids == (A, C)
    assert len(strongest_pairs(PROGRAMME, limit=1)) == 1


def test_the_order_is_stable_for_equal_scores():
    same = [
        ProjectFacts(A, approach="code"),
        ProjectFacts(C, approach="code"),
        ProjectFacts(B, approach="code"),
    ]
    assert [s.organisation_id for s in rank_for(A, same)] == [B, C]
