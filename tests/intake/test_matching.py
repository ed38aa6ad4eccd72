"""Mentor matching on a hand-built fixture: no database."""

from datetime import date

from intake.matching import Mentor, Needs, rank, shared_working_hours

WINTER = date(2027, 1, 15)
SUMMER = date(2027, 7, 15)

ELENA = Mentor("elena", "Elena", frozenset({"en", "fr"}), "Europe/Zurich",
               frozenset({"public-procurement"}), "Integrity pacts in public procurement", 2)  # fmt: skip
KOFFI = Mentor("koffi", "Koffi", frozenset({"fr"}), "Africa/Accra",
               frozenset({"public-procurement", "smes"}), "Collective action with SMEs, procurement", 1)  # fmt: skip
ANJALI = Mentor("anjali", "Anjali", frozenset({"en"}), "Asia/Colombo",
                frozenset({"health"}), "Hospital supplies and health procurement", 0)  # fmt: skip

TOGO = Needs(frozenset({"fr"}), "Africa/Lome", frozenset({"public-procurement", "smes"}),
             "Les PME paient pour obtenir des marchés; nous voulons un pacte avec les SMEs")  # fmt: skip


def test_working_hours_follow_the_zones_and_the_season():
    assert shared_working_hours("Africa/Lome", "Africa/Accra", WINTER) == 10
    assert shared_working_hours("America/Toronto", "Asia/Colombo", WINTER) == 0
    # Zurich is UTC+1 in winter, UTC+2 in summer: one hour less with Lomé (UTC) in summer.
    assert shared_working_hours("Africa/Lome", "Europe/Zurich", WINTER) == 9
    assert shared_working_hours("Africa/Lome", "Europe/Zurich", SUMMER) == 8


def test_the_best_fit_comes_first_with_its_reasons():
    ranked = rank(TOGO, [ELENA, KOFFI, ANJALI], on=WINTER)
    assert [m.mentor.key for m in ranked] == ["koffi", "elena", "anjali"]
    koffi = {r.kind: r for r in ranked[0].reasons}
    assert koffi["languages"].values == ("fr",)
    assert koffi["hours"].count == 10
    assert koffi["sectors"].values == ("public-procurement", "smes")
    assert koffi["load"].count == 1
    # No shared language: still listed, last, and the reason says so.
    assert ranked[-1].reasons[0].kind == "no_language"


def test_load_weighs_against_a_busy_mentor():
    busy = Mentor(
        "busy", "Busy", KOFFI.languages, KOFFI.timezone, KOFFI.sectors, KOFFI.expertise, 6
    )
    ranked = rank(TOGO, [busy, ELENA], on=WINTER)
    assert ranked[0].mentor.key == "elena"
