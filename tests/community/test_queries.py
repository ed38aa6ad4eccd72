"""The synergy and directory pages cost the same number of queries at two data sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import MembershipFactory, OrganisationFactory
from .factories import IntroductionFactory, PartnerFactory, ProjectFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _grow(cast, n: int) -> None:
    sector = SectorFactory(name="SMEs")
    shared = PartnerFactory(name=f"Shared chamber {n}")
    for _ in range(n):
        org = OrganisationFactory(country="CI")
        MembershipFactory(organisation=org, is_admin=True)
        ProjectFactory(
            organisation=org,
            countries=["CI", "CA"],
            sectors=[sector],
            partners=[shared, PartnerFactory()],
        )
        ProjectFactory(organisation=org, is_confidential=True, partners=[PartnerFactory()])
        IntroductionFactory(from_organisation=org, to_organisation=cast.org_b)
    ProjectFactory(organisation=cast.org_a, countries=["CI"], sectors=[sector], partners=[shared])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = {
    "member_a": [
        lambda cast: reverse("portal:home"),
        lambda cast: cast.org_a.get_absolute_url(),
        lambda cast: reverse("community:project_list"),
        lambda cast: reverse("community:map"),
        lambda cast: reverse("community:map") + "?stage=implementing",
        lambda cast: reverse("community:partner_list") + "?q=chamber",
        lambda cast: reverse("community:introduction_list"),
    ],
    "lead": [
        lambda cast: reverse("portal:dashboard"),
        lambda cast: reverse("community:introduction_list"),
    ],
}


@pytest.mark.parametrize("who", sorted(PAGES))
def test_query_counts_do_not_grow_with_the_data(cast, client_for, who):
    client = client_for(who)
    _grow(cast, 2)
    small = [_count(client, page(cast)) for page in PAGES[who]]
    _grow(cast, 6)
    large = [_count(client, page(cast)) for page in PAGES[who]]
    assert small == large
    assert max(large) <= 40
