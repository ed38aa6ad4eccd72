"""Projects: who edits, versioned edits, the trash, the audit log, bad input."""

import pytest
from django.urls import reverse

from community.models import Partner, Project
from mentoring.models import AuditEntry

from .factories import ProjectFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "title": "Integrity pact for the water tender",
        "summary": "With **all** suppliers.",
        "countries": ["TG"],
        "stage": Project.Stage.FORMING,
        "approach": Project.Approach.INTEGRITY_PACT,
        "start_date": "2025-01-01",
        "end_date": "2026-06-30",
        "partner_names": "Société Togolaise des Eaux\nChambre de Commerce du Togo",
    }
    data.update(overrides)
    return data


def test_a_member_describes_a_project_of_their_organisation(cast, client_for):
    sector = SectorFactory(name="Water")
    data = _form(organisation=cast.org_a.pk, sectors=[sector.pk])
    response = client_for("member_a").post(reverse("community:project_create"), data)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.organisation == cast.org_a
    assert [str(c) for c in project.countries] == ["TG"]
    assert list(project.sectors.all()) == [sector]
    assert sorted(p.name for p in project.partners.all()) == [
        "Chambre de Commerce du Togo",
        "Société Togolaise des Eaux",
    ]
    entry = AuditEntry.objects.get(action="project.create")
    assert entry.actor == cast.member_a and entry.organisation == cast.org_a


def test_nobody_adds_a_project_for_another_organisation(cast, client_for):
    response = client_for("member_b").post(
        reverse("community:project_create"), _form(organisation=cast.org_a.pk)
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize("who", ["member_a", "admin_a", "mentor_a", "lead"])
def test_insiders_edit(cast, client_for, who):
    project = ProjectFactory(organisation=cast.org_a)
    data = _form(title="Renamed", version=project.version)
    response = client_for(who).post(reverse("community:project_edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Renamed" and project.version == 2
    assert AuditEntry.objects.filter(action="project.edit", actor=cast.person(who)).exists()


def test_an_edit_from_a_stale_page_is_not_saved(cast, client_for):
    project = ProjectFactory(organisation=cast.org_a, title="Original")
    url = reverse("community:project_edit", args=[project.pk])
    client_for("admin_a").post(url, _form(title="First save", version=1))
    response = client_for("member_a").post(url, _form(title="Second save", version=1))
    assert response.status_code == 200
    assert response.context["conflict"].title == "First save"
    assert "someone else saved" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "First save" and project.version == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2024-12-31"}, "end_date", "cannot end before it starts"),
        ({"partner_names": "X"}, "partner_names", "at least 2 characters"),
        ({"partner_names": "A" * 500}, "partner_names", "at most 200 characters"),
        ({"partner_names": "?!… --"}, "partner_names", "no letters or digits"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(cast, client_for, overrides, field, message):
    data = _form(organisation=cast.org_a.pk, **overrides)
    response = client_for("member_a").post(reverse("community:project_create"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Project.objects.exists() and not Partner.objects.exists()


def test_bad_input_is_explained_in_french(cast, client_for):
    cast.member_a.language = "fr"
    cast.member_a.save()
    data = _form(organisation=cast.org_a.pk, end_date="2024-12-31", partner_names="X")
    response = client_for("member_a").post(
        reverse("community:project_create"), data, HTTP_ACCEPT_LANGUAGE="fr"
    )
    errors = response.context["form"].errors
    assert "ne peut pas se terminer avant" in errors["end_date"][0]
    assert "au moins 2 caractères" in errors["partner_names"][0]


def test_trash_and_restore(cast, client_for):
    project = ProjectFactory(organisation=cast.org_a)
    client = client_for("member_a")
    assert client.post(reverse("community:project_delete", args=[project.pk])).status_code == 302
    assert not Project.objects.alive().exists()
    assert client.get(project.get_absolute_url()).status_code == 404
    trash = client.get(reverse("community:project_trash"))
    assert project.title in trash.content.decode()
    assert (
        project.title
        not in client_for("member_b").get(reverse("community:project_trash")).content.decode()
    )
    assert client.post(reverse("community:project_restore", args=[project.pk])).status_code == 302
    assert Project.objects.alive().get() == project
    actions = list(
        AuditEntry.objects.filter(target_id=str(project.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["project.restore", "project.trash"]


def test_a_confidential_project_is_seen_only_by_insiders(cast, client_for):
    project = ProjectFactory(organisation=cast.org_a, is_confidential=True, title="Secret pact")
    url = project.get_absolute_url()
    for who in ["member_a", "admin_a", "mentor_a", "lead"]:
        assert client_for(who).get(url).status_code == 200, who
    for who in ["member_b", "mentor_b"]:
        assert client_for(who).get(url).status_code == 404, who
        assert (
            "Secret pact"
            not in client_for(who).get(reverse("community:project_list")).content.decode()
        )
        page = client_for(who).get(cast.org_a.get_absolute_url()).content.decode()
        assert "Secret pact" not in page
