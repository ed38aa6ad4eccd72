"""Shared partner records: search, lead corrections, merging duplicates."""

import pytest
from django.urls import reverse

from community.models import Partner
from mentoring.models import AuditEntry

from .factories import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_every_project_to_the_kept_record(cast, client_for):
    keep = PartnerFactory(name="Chambre de Commerce et d'Industrie de Côte d'Ivoire")
    duplicate = PartnerFactory(name="CCI Côte d'Ivoire")
    other = PartnerFactory(name="Export Development Canada")
    first = ProjectFactory(organisation=cast.org_a, partners=[duplicate])
    both = ProjectFactory(organisation=cast.org_b, partners=[keep, duplicate, other])
    only_keep = ProjectFactory(organisation=cast.org_b, partners=[keep])
    response = client_for("lead").post(
        reverse("community:partner_merge"), {"keep": keep.pk, "duplicate": duplicate.pk}
    )
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=duplicate.pk).exists()
    assert set(keep.projects.all()) == {first, both, only_keep}
    assert set(both.partners.all()) == {keep, other}
    entry = AuditEntry.objects.get(action="partner.merge")
    assert entry.actor == cast.lead
    assert entry.data["merged_name"] == "CCI Côte d'Ivoire"
    assert entry.data["projects"] == sorted([first.pk, both.pk])


def test_merging_a_partner_with_itself_is_refused(cast, client_for):
    partner = PartnerFactory()
    response = client_for("lead").post(
        reverse("community:partner_merge"), {"keep": partner.pk, "duplicate": partner.pk}
    )
    assert response.status_code == 200
    assert "two different partners" in str(response.context["form"].errors)
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_only_leads_merge(cast, client_for):
    keep, duplicate = PartnerFactory(), PartnerFactory()
    ProjectFactory(organisation=cast.org_a, partners=[keep, duplicate])
    for who in ["admin_a", "member_a", "mentor_a"]:
        response = client_for(who).post(
            reverse("community:partner_merge"), {"keep": keep.pk, "duplicate": duplicate.pk}
        )
        assert response.status_code == 403
    assert Partner.objects.count() == 2


def test_search_suggests_partners_of_visible_projects_only(cast, client_for):
    shown = PartnerFactory(name="Chambre de Commerce et d'Industrie de Côte d'Ivoire")
    hidden = PartnerFactory(name="Chambre des Mines secrète")
    ProjectFactory(organisation=cast.org_a, partners=[shown])
    ProjectFactory(organisation=cast.org_a, partners=[hidden], is_confidential=True)
    url = reverse("community:partner_list") + "?q=chambre"
    outsider = client_for("member_b").get(url).content.decode()
    assert "Côte d&#x27;Ivoire" in outsider and "secrète" not in outsider
    insider = client_for("member_a").get(url).content.decode()
    assert "secrète" in insider
    partial = client_for("member_b").get(url, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert "Côte d&#x27;Ivoire" in partial.content.decode()


def test_a_lead_corrects_a_partner_but_not_into_a_duplicate(cast, client_for):
    partner = PartnerFactory(name="Roads Autority")
    PartnerFactory(name="Malawi Contractors Association")
    url = reverse("community:partner_edit", args=[partner.pk])
    data = {"name": "Malawi Contractors’ Association", "kind": "company", "version": 1}
    response = client_for("lead").post(url, data)
    assert "merge the two" in str(response.context["form"].errors)
    data["name"] = "Roads Authority Malawi"
    assert client_for("lead").post(url, data).status_code == 302
    partner.refresh_from_db()
    assert partner.key == "roads authority malawi" and partner.version == 2
