import pytest
from django.urls import reverse

from mentoring.models import AuditEntry, Organisation
from tests.factories import MembershipFactory, OrganisationFactory
from tests.images import png_upload

pytestmark = pytest.mark.django_db


def _edit_payload(organisation, **data):
    payload = {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "city": organisation.city,
        "timezone": organisation.timezone,
        "website": "",
        "description": organisation.description,
        "version": organisation.version,
    }
    payload.update(data)
    return payload


def test_org_admin_edits_their_profile_but_not_cohort_or_status(cast, client_for):
    client = client_for("admin_a")
    form = client.get(reverse("mentoring:organisation_edit", args=["alliance-a"])).context["form"]
    assert "status" not in form.fields and "cohort" not in form.fields
    response = client.post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(cast.org_a, city="Kara", status="alumni", website="https://a.example"),
    )
    assert response.status_code == 302
    cast.org_a.refresh_from_db()
    assert cast.org_a.city == "Kara"
    assert cast.org_a.status == Organisation.Status.ACTIVE
    entry = AuditEntry.objects.get(action="organisation.edit")
    assert entry.actor == cast.admin_a and entry.organisation == cast.org_a


def test_lead_sets_status_and_cohort(cast, client_for):
    response = client_for("lead").post(
        reverse("mentoring:organisation_edit", args=["bureau-b"]),
        _edit_payload(cast.org_b, status="alumni", cohort=cast.org_b.cohort_id, slug="bureau-b"),
    )
    assert response.status_code == 302
    cast.org_b.refresh_from_db()
    assert cast.org_b.status == Organisation.Status.ALUMNI


def test_markdown_description_is_sanitised(cast, client_for):
    client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(
            cast.org_a,
            description="**Bold** <script>alert(1)</script> [click](javascript:alert(1)) "
            "<img src=x onerror=alert(1)> [site](https://ok.example)",
        ),
    )
    html = client_for("member_b").get(cast.org_a.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert 'href="https://ok.example"' in html


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://files.example", "not a url"])
def test_bad_website_is_refused(cast, client_for, website):
    response = client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(cast.org_a, website=website),
    )
    assert response.status_code == 200
    assert "website" in response.context["form"].errors


def test_logo_upload_is_processed_and_served_through_a_permission_check(cast, client_for):
    client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(cast.org_a, logo=png_upload(size=(1000, 500))),
    )
    cast.org_a.refresh_from_db()
    assert cast.org_a.logo.name.startswith("pictures/")
    response = client_for("member_b").get(
        reverse("mentoring:organisation_logo", args=["alliance-a"])
    )
    assert response.status_code == 200
    response.close()


def test_lead_creates_an_organisation(cast, client_for):
    response = client_for("lead").post(
        reverse("mentoring:organisation_create"),
        {
            "name": "Réseau Ivoirien des Jeunes Leaders pour l'Intégrité",
            "acronym": "RIJLI",
            "kind": "youth",
            "country": "CI",
            "city": "Abidjan",
            "timezone": "Africa/Abidjan",
            "status": "applicant",
            "slug": "",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(acronym="RIJLI")
    assert organisation.slug == "rijli"
    assert AuditEntry.objects.filter(action="organisation.create").exists()


def test_directory_filters_and_hides_applicants_from_outsiders(cast, client_for):
    OrganisationFactory(name="Candidate C", status=Organisation.Status.APPLICANT, country="TG")
    client = client_for("member_b")
    names = [o.name for o in client.get("/organisations/").context["page_obj"]]
    assert "Candidate C" not in names and {"Alliance A", "Bureau B"} <= set(names)
    names = [o.name for o in client.get("/organisations/?country=TG").context["page_obj"]]
    assert names == ["Alliance A"]
    lead_names = [o.name for o in client_for("lead").get("/organisations/").context["page_obj"]]
    assert "Candidate C" in lead_names


def test_htmx_filter_returns_only_the_results(cast, client_for):
    response = client_for("member_a").get("/organisations/?kind=consumer", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Alliance A" in body
    assert "HX-Request" in response["Vary"]


def test_member_contacts_only_for_insiders(cast, client_for):
    url = cast.org_a.get_absolute_url()
    assert cast.member_a.email in client_for("mentor_a").get(url).content.decode()
    assert cast.member_a.email in client_for("admin_a").get(url).content.decode()
    assert cast.member_a.email not in client_for("member_b").get(url).content.decode()
    assert cast.member_a.email not in client_for("mentor_b").get(url).content.decode()


def test_directory_and_profile_queries_do_not_grow(cast, client_for, django_assert_max_num_queries):
    for _ in range(40):
        organisation = OrganisationFactory()
        for _ in range(3):
            MembershipFactory(organisation=organisation)
    client = client_for("member_a")
    with django_assert_max_num_queries(10):
        client.get("/organisations/")
    for _ in range(30):
        MembershipFactory(organisation=cast.org_a)
    with django_assert_max_num_queries(14):
        client.get(cast.org_a.get_absolute_url())
