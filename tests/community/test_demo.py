"""The demo tells the Abidjan story, keeps a secret, and can be seeded twice."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from community.models import Introduction, Partner, Project
from community.selectors import suggestions_for
from mentoring.models import Organisation
from portal.models import User


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_builds_the_community_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Project.objects.count(), Partner.objects.count(), Introduction.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        Project.objects.count(),
        Partner.objects.count(),
        Introduction.objects.count(),
    ) == counts

    listed = Organisation.objects.listed()
    assert all(org.projects.exists() for org in listed)

    rijli, cceac = Organisation.objects.get(slug="rijli"), Organisation.objects.get(slug="cceac")
    chamber = Partner.objects.get(key="chambre de commerce et d industrie de cote d ivoire")
    assert {p.organisation for p in chamber.projects.all()} >= {rijli, cceac}
    reader = User.objects.get(email="rijli.projets@demo.example")
    with translation.override("fr"):
        top = suggestions_for(reader, rijli)[0]
    assert top.organisations == [cceac]
    assert top.reasons[0].startswith("travaille avec le même partenaire, Chambre de Commerce")
    assert suggestions_for(reader, cceac)[0].organisations == [rijli]

    secret = Project.objects.get(is_confidential=True)
    (partner,) = secret.partners.all()
    assert list(partner.projects.all()) == [secret]

    statuses = sorted(Introduction.objects.values_list("status", flat=True))
    assert statuses == [Introduction.Status.ACCEPTED, Introduction.Status.PENDING]
