"""Journeys through the document exchange, with JavaScript on and off."""

import pytest
from django.urls import reverse

from documents.models import Document
from tests.browser.conftest import axe_check, visit
from tests.documents.helpers import pdf_bytes, use_local_storage
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    return use_local_storage(settings, tmp_path / "documents")


def _files(tmp_path):
    plan = tmp_path / "Réseau Ivoirien – plan.pdf"
    plan.write_bytes(pdf_bytes("plan d'action"))
    budget = tmp_path / "budget.csv"
    budget.write_text("poste,montant\natelier,1200\n", encoding="utf-8")
    return plan, budget


def _upload_two_and_share(page, tmp_path):
    plan, budget = _files(tmp_path)
    visit(page, reverse("documents:space", args=["alliance-a"]))
    page.get_by_role("link", name="Upload documents").click()
    axe_check(page)
    page.get_by_label("Files").set_input_files([str(plan), str(budget)])
    page.get_by_label("Tags").fill("procurement, integrity pact")
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url("**/documents/spaces/alliance-a/")
    axe_check(page)
    assert "2 documents added." in page.content()
    page.get_by_role("link", name="Réseau Ivoirien – plan").click()
    axe_check(page)
    page.get_by_role("link", name="Share").click()
    axe_check(page)
    page.get_by_label("Bureau B").check()
    page.get_by_role("button", name="Save the sharing").click()
    axe_check(page)
    assert "1 organisation added" in page.content()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_mentee_shares_a_document_that_another_organisation_downloads_and_a_third_cannot_find(
    cast, new_context, tmp_path, javascript
):
    mentee = new_context(cast.member_a, javascript=javascript).new_page()
    _upload_two_and_share(mentee, tmp_path)
    doc = Document.objects.get(title="Réseau Ivoirien – plan")

    reader = new_context(cast.member_b, javascript=javascript).new_page()
    visit(reader, reverse("documents:index"))
    reader.get_by_role("textbox", name="Search").fill("Réseau")
    reader.get_by_role("button", name="Search").click()
    axe_check(reader)
    reader.get_by_role("link", name="Réseau Ivoirien – plan").click()
    axe_check(reader)
    assert "shared with your organisation, read-only" in reader.content()
    assert reader.get_by_role("link", name="Upload a new version").count() == 0
    with reader.expect_download() as info:
        reader.get_by_role("link", name="Download", exact=True).click()
    download = info.value
    assert download.suggested_filename == "Réseau Ivoirien – plan.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read() == pdf_bytes("plan d'action")
    # The CSV was not shared.
    visit(reader, reverse("documents:index") + "?q=budget")
    assert reader.get_by_role("link", name="budget").count() == 0

    third = MembershipFactory(
        organisation=OrganisationFactory(name="Comité C", slug="comite-c")
    ).user
    outsider = new_context(third, javascript=javascript).new_page()
    visit(outsider, reverse("documents:index") + "?q=Réseau")
    assert "No document you may open matches this search." in outsider.content()
    response = outsider.goto(doc.get_absolute_url())
    assert response.status == 404
    axe_check(outsider)
    response = outsider.goto(reverse("documents:download", args=[doc.public_id]))
    assert response.status == 404


def test_new_version_and_its_history(cast, new_context, tmp_path):
    first, _ = _files(tmp_path)
    second = tmp_path / "plan-v2.pdf"
    second.write_bytes(pdf_bytes("version two"))
    page = new_context(cast.admin_a).new_page()
    visit(page, reverse("documents:upload", args=["alliance-a"]))
    page.get_by_label("Files").set_input_files([str(first)])
    page.get_by_label("Title").fill("Action plan")
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url("**/documents/*-*/")
    axe_check(page)
    page.get_by_role("link", name="Upload a new version").click()
    axe_check(page)
    page.get_by_label("New version").set_input_files(str(second))
    page.get_by_label("What changed (optional)").fill("Mentor's comments included")
    page.get_by_role("button", name="Upload the new version").click()
    axe_check(page)
    assert "Version 2 is saved; earlier versions are kept." in page.content()
    rows = page.get_by_role("table").locator("tbody tr")
    assert rows.count() == 2
    assert "plan-v2.pdf" in rows.nth(0).inner_text() and "current" in rows.nth(0).inner_text()
    assert "Réseau Ivoirien – plan.pdf" in rows.nth(1).inner_text()
    assert "Ada Admin" in rows.nth(1).inner_text()
    with page.expect_download() as info:
        rows.nth(1).get_by_role("link", name="Download").click()
    with open(info.value.path(), "rb") as fh:
        assert fh.read() == pdf_bytes("plan d'action")
