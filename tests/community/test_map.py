"""The country grid: counts from shareable projects only, filters, accessible SVG and table."""

import pytest
from django.urls import reverse

from .factories import ProjectFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_the_map_counts_organisations_and_projects_but_never_confidential_ones(cast, client_for):
    sector = SectorFactory(name="Customs")
    ProjectFactory(organisation=cast.org_a, countries=["CI", "TG"], sectors=[sector])
    ProjectFactory(organisation=cast.org_b, countries=["CI"], stage="idea")
    ProjectFactory(organisation=cast.org_a, countries=["MU"], is_confidential=True)
    for who in ["member_b", "member_a", "lead"]:
        response = client_for(who).get(reverse("community:map"))
        rows = {r.code: (r.organisations, r.projects) for r in response.context["rows"]}
        assert rows["CI"] == (0, 2) and rows["TG"] == (1, 1) and rows["LK"] == (1, 0)
        assert "MU" not in rows, who
        body = response.content.decode()
        assert 'role="img"' in body and "<desc" in body and "<table" in body


def test_filters_by_sector_approach_and_stage(cast, client_for):
    sector = SectorFactory(name="Customs")
    ProjectFactory(
        organisation=cast.org_a, countries=["CI"], sectors=[sector], approach="certification"
    )
    ProjectFactory(organisation=cast.org_b, countries=["CI", "LK"], stage="idea")
    client = client_for("member_a")
    rows = client.get(reverse("community:map"), {"sector": sector.pk}).context["rows"]
    assert [(r.code, r.organisations, r.projects) for r in rows] == [("CI", 1, 1)]
    rows = client.get(reverse("community:map"), {"stage": "idea"}).context["rows"]
    assert {(r.code, r.organisations, r.projects) for r in rows} == {("CI", 1, 1), ("LK", 1, 1)}
    rows = client.get(reverse("community:map"), {"approach": "certification"}).context["rows"]
    assert [r.code for r in rows] == ["CI"]
    listed = client.get(reverse("community:project_list"), {"country": "LK"})
    assert len(listed.context["page_obj"].object_list) == 1
    bad = client.get(reverse("community:map"), {"stage": "nonsense"})
    assert bad.status_code == 200 and "stage" in bad.context["form"].errors


def test_the_directory_leads_to_the_map_with_the_filters(cast, client_for):
    body = client_for("member_a").get(reverse("mentoring:organisation_list")).content.decode()
    assert reverse("community:map") in body and 'id="dir-stage"' in body
    partial = client_for("member_a").get(
        reverse("mentoring:organisation_list"), HTTP_HX_REQUEST="true"
    )
    assert reverse("community:map") not in partial.content.decode()
