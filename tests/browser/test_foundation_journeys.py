import re

from django.core import mail

from portal.models import User
from tests.browser.conftest import axe_check, visit


def test_lead_invites_a_person_who_joins_and_lands_on_their_organisation(cast, new_context):
    lead_page = new_context(cast.lead).new_page()
    visit(lead_page, "/invitations/new/")
    lead_page.get_by_label("E-mail address").fill("new.colleague@example.org")
    lead_page.get_by_label("Name (optional)").fill("Nia Newcomer")
    lead_page.get_by_label("Role").select_option("mentee")
    lead_page.get_by_label("Organisation", exact=True).select_option(label="Alliance A")
    lead_page.get_by_role("button", name="Send the invitation").click()
    lead_page.wait_for_url("**/invitations/")
    axe_check(lead_page)
    assert "new.colleague@example.org" in lead_page.content()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/join/\S+/", mail.outbox[0].body).group(0)
    path = link.split("/join/", 1)[1]

    guest = new_context().new_page()
    visit(guest, f"/join/{path}")
    guest.get_by_label("Your full name").fill("Nia Newcomer")
    guest.get_by_label("Choose a password").fill("a-long-passphrase-42")
    guest.get_by_label("Repeat the password").fill("a-long-passphrase-42")
    # Lomé is not yet among the programme's zones: typed in the search box, it is found.
    guest.get_by_label("Not in the list?").fill("Lome")
    guest.get_by_role("button", name="Create my account").click()
    guest.wait_for_url("**/organisations/alliance-a/")
    axe_check(guest)
    assert guest.get_by_role("heading", level=1).inner_text().startswith("Alliance A")
    user = User.objects.get(email="new.colleague@example.org")
    assert user.memberships.get().organisation == cast.org_a
    assert user.timezone == "Africa/Lome"

    # The link is single-use.
    again = new_context().new_page()
    response = again.goto(f"/join/{path}")
    assert response.status == 410
    axe_check(again)


def test_mentee_cannot_reach_the_admin_or_another_organisations_edit_page(cast, new_context):
    page = new_context(cast.member_a).new_page()
    visit(page, "/")
    assert page.get_by_role("link", name="Admin").count() == 0
    assert page.goto("/admin/").status == 403
    axe_check(page)
    assert page.goto("/organisations/bureau-b/edit/").status == 403
    assert page.goto("/organisations/alliance-a/edit/").status == 403
    visit(page, "/organisations/bureau-b/")
    assert page.get_by_role("link", name="Edit the profile").count() == 0


def test_french_speaking_mentee_sees_the_interface_in_french(cast, new_context):
    cast.member_a.language = "fr"
    cast.member_a.save()
    page = new_context(cast.member_a).new_page()
    visit(page, "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Organisations", exact=True).count() == 1
    assert "Bienvenue" in page.get_by_role("heading", level=1).inner_text()
    visit(page, "/organisations/")
    assert page.get_by_role("button", name="Filtrer").count() == 1


def test_directory_filters_work_without_javascript(cast, new_context):
    page = new_context(cast.member_b, javascript=False).new_page()
    visit(page, "/organisations/")
    page.get_by_label("Country").select_option(label="Togo")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**country=TG**")
    axe_check(page)
    assert page.get_by_role("link", name="Alliance A").count() == 1
    assert page.get_by_role("link", name="Bureau B").count() == 0
