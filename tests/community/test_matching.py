"""Partners match whatever the accents, capitals and punctuation, on SQLite and PostgreSQL."""

import pytest

from community.matching import suggest_partners
from community.models import Partner
from community.normalise import partner_key
from community.services import partners_for_names

CCI = "Chambre de Commerce et d'Industrie de Côte d'Ivoire"


@pytest.mark.parametrize(
    "typed",
    [
        "chambre de commerce et d’industrie de cote d'ivoire",
        "CHAMBRE DE COMMERCE ET D'INDUSTRIE DE CÔTE D'IVOIRE",
        "Chambre de commerce et d'industrie de Côte-d'Ivoire",
        "  chambre de commerce, et d’industrie   de cote d ivoire. ",
    ],
)
def test_spellings_have_one_key(typed):
    assert partner_key(typed) == partner_key(CCI)


def test_keys_are_bare():
    assert partner_key("Société Générale (S.A.)") == "societe generale s a"
    assert partner_key("?!…") == ""


@pytest.mark.django_db
def test_two_spellings_point_at_one_record():
    first = partners_for_names([CCI], country="CI")
    second = partners_for_names(["chambre de commerce et d’industrie de cote d'ivoire"])
    assert first == second
    assert Partner.objects.count() == 1
    assert Partner.objects.get().name == CCI


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["chambre de commerce cote", "côte d’ivoire", "CHAMBRE", "chambre de comerce"]
)
def test_typing_suggests_the_existing_partner(typed):
    cci = Partner.objects.create(name=CCI)
    Partner.objects.create(name="Export Development Canada")
    assert suggest_partners(typed, Partner.objects.all())[0] == cci


@pytest.mark.django_db
def test_exact_spelling_comes_first_and_unrelated_names_are_left_out():
    Partner.objects.create(name="Chambre des métiers")
    exact = Partner.objects.create(name=CCI)
    Partner.objects.create(name="Roads Authority Malawi")
    found = suggest_partners(
        "chambre de commerce et d'industrie de cote d'ivoire", Partner.objects.all()
    )
    assert found[0] == exact
    assert all(p.name != "Roads Authority Malawi" for p in found)
    assert suggest_partners("!", Partner.objects.all()) == []
