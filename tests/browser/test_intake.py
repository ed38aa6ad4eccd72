"""An organisation applies in French, confirms its address; a lead scores and accepts it; its
contact receives the invitation, joins and lands on its organisation's page. JavaScript on and
off, axe on every page."""

import re

import pytest
from django.core import mail

from intake.models import Application
from mentoring.models import Organisation
from tests.browser.conftest import axe_check, visit
from tests.factories import CallFactory


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_organisation_applies_in_french_and_joins(cast, new_context, settings, javascript):
    settings.PORTAL_INTAKE_MIN_FILL_SECONDS = 0  # a browser fills the form faster than a person
    call = CallFactory(title="Appel 2027")
    visitor = new_context(javascript=javascript, locale="fr-FR").new_page()
    visit(visitor, "/")
    assert visitor.locator("html").get_attribute("lang") == "fr"
    visitor.get_by_role("link", name="Poser sa candidature").click()
    visitor.wait_for_url(f"**/apply/{call.uid}/")
    axe_check(visitor)
    visitor.get_by_label("Nom de l'organisation").fill("Réseau Sénégalais pour l'Intégrité")
    visitor.get_by_label("Pays").select_option("SN")
    visitor.get_by_label("Type d'organisation").select_option("consumer")
    visitor.get_by_label("Personne de contact").fill("Fatou Diop")
    visitor.get_by_label("Adresse e-mail de contact").fill("fatou@reseau.example")
    visitor.get_by_label("Langue de nos e-mails").select_option("fr")
    visitor.get_by_label("Le défi d'Action collective").fill("Des paiements pour les marchés.")
    visitor.get_by_label("Ce que vous attendez du mentorat").fill("Un pacte d'intégrité.")
    visitor.get_by_label(call.question_list()[0]).fill("Douze organisations.")
    visitor.get_by_role("button", name="Envoyer la candidature").click()
    visitor.wait_for_url("**/apply/sent/")
    axe_check(visitor)

    link = re.search(r"https?://\S+/apply/confirm/\S+/", mail.outbox[-1].body).group(0)
    visit(visitor, "/apply/confirm/" + link.split("/apply/confirm/", 1)[1])
    visitor.get_by_role("button", name="Confirmer").click()
    assert visitor.get_by_role("heading", level=1).inner_text() == "Votre candidature compte"
    axe_check(visitor)
    application = Application.objects.get()
    assert application.confirmed_at is not None

    lead = new_context(cast.lead, javascript=javascript).new_page()
    visit(lead, f"/intake/calls/{call.uid}/")
    lead.get_by_role("link", name="Réseau Sénégalais pour l'Intégrité").click()
    lead.wait_for_url(f"**/intake/applications/{application.uid}/")
    axe_check(lead)
    lead.get_by_label("Score").select_option("4")
    lead.get_by_role("button", name="Save your review").click()
    lead.wait_for_url(f"**/intake/applications/{application.uid}/")
    assert "4/5" in lead.content()
    lead.get_by_role(
        "button", name="Accept: create the organisation and invite its contact"
    ).click()
    organisation = Organisation.objects.get(name="Réseau Sénégalais pour l'Intégrité")
    lead.wait_for_url(f"**/organisations/{organisation.slug}/")
    axe_check(lead)

    invitation = [m for m in mail.outbox if "fatou@reseau.example" in m.to][-1]
    path = re.search(r"/join/\S+/", invitation.body).group(0)
    guest = new_context(javascript=javascript, locale="fr-FR").new_page()
    visit(guest, path)
    guest.locator("[name=full_name]").fill("Fatou Diop")
    guest.locator("[name=password1]").fill("une-longue-phrase-secrete-42")
    guest.locator("[name=password2]").fill("une-longue-phrase-secrete-42")
    guest.locator("button[type=submit]").last.click()
    guest.wait_for_url(f"**/organisations/{organisation.slug}/")
    axe_check(guest)
    assert guest.get_by_role("heading", level=1).inner_text().startswith("Réseau Sénégalais")
