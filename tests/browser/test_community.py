"""The Abidjan waterfront, on purpose: a RIJLI member reading in French sees CCEAC suggested
because both work with the same chamber of commerce (entered with different spellings), asks
for an introduction; CCEAC's admin accepts; both see each other's contact. JavaScript on and
off, axe on every page."""

import pytest
from django.core import mail
from django.urls import get_resolver

from community.models import Introduction, Partner
from community.services import partners_for_names
from tests.browser.conftest import axe_check, visit
from tests.community.factories import ProjectFactory
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def waterfront(transactional_db):
    rijli = OrganisationFactory(
        name="Réseau Ivoirien des Jeunes Leaders pour l'Intégrité",
        acronym="RIJLI",
        slug="rijli",
        country="CI",
    )
    cceac = OrganisationFactory(
        name="Canadian Centre of Excellence for Anti-Corruption",
        acronym="CCEAC",
        slug="cceac",
        country="CA",
    )
    member = MembershipFactory(
        organisation=rijli,
        user__full_name="Yao Kouassi",
        user__email="yao@rijli.example",
        user__language="fr",
        user__timezone="Africa/Abidjan",
    ).user
    admin = MembershipFactory(
        organisation=cceac,
        is_admin=True,
        user__full_name="Olivia Tremblay",
        user__email="olivia@cceac.example",
    ).user
    first = ProjectFactory(organisation=cceac, title="Integrity toolkit for SMEs", countries=["CI"])
    first.partners.set(partners_for_names(["Chambre de Commerce et d'Industrie de Côte d'Ivoire"]))
    second = ProjectFactory(organisation=rijli, title="Jeunes et PME", countries=["CI"])
    second.partners.set(partners_for_names(["chambre de commerce et d’industrie de cote d'ivoire"]))
    assert Partner.objects.count() == 1
    # Import every view before the browser's first request (a slow machine may otherwise
    # spend the whole navigation timeout importing modules in the server thread).
    get_resolver().url_patterns  # noqa: B018
    return member, admin


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_rijli_asks_cceac_for_an_introduction_and_both_get_the_contact(
    waterfront, new_context, javascript
):
    member, admin = waterfront
    page = new_context(member, javascript=javascript, locale="fr-FR").new_page()
    visit(page, "/")
    suggestions = page.locator("section", has_text="Organisations avec lesquelles vous pourriez")
    assert "Canadian Centre of Excellence for Anti-Corruption" in suggestions.inner_text()
    assert (
        "travaille avec le même partenaire, Chambre de Commerce et d'Industrie de Côte d'Ivoire"
        in suggestions.inner_text()
    )

    suggestions.get_by_role("link", name="Demander une mise en relation – CCEAC").click()
    page.wait_for_url("**/community/introductions/ask/cceac/")
    axe_check(page)
    page.get_by_label("Note").fill("Nous travaillons avec la même chambre de commerce à Abidjan.")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.wait_for_url("**/community/introductions/*/")
    axe_check(page)
    introduction = Introduction.objects.get()
    assert introduction.status == Introduction.Status.PENDING
    assert "olivia@cceac.example" not in page.content()
    assert [m.to for m in mail.outbox] == [["olivia@cceac.example"]]

    other = new_context(admin, javascript=javascript).new_page()
    visit(other, "/")
    other.get_by_role("link", name="1 introduction is waiting for your answer.").click()
    other.wait_for_url("**/community/introductions/")
    axe_check(other)
    other.get_by_role("link", name="RIJLI → CCEAC").click()
    other.wait_for_url(f"**/community/introductions/{introduction.pk}/")
    axe_check(other)
    other.get_by_label("Contact person on your side").select_option(label=admin.full_name)
    other.get_by_role("button", name="Accept").click()
    other.wait_for_url(f"**/community/introductions/{introduction.pk}/")
    axe_check(other)
    assert "yao@rijli.example" in other.locator("main").inner_text()

    visit(page, introduction.get_absolute_url())
    assert "olivia@cceac.example" in page.locator("main").inner_text()
    assert "Acceptée" in page.locator("main").inner_text()
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.ACCEPTED
    assert {m.to[0] for m in mail.outbox[1:]} == {"yao@rijli.example", "olivia@cceac.example"}
