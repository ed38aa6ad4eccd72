"""allauth's pages, messages and e-mails reach a French member in French, even when the
request that causes them still speaks the signed-out visitor's English."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_member(cast):
    cast.member_a.language = "fr"
    cast.member_a.save()
    return cast.member_a


def test_signed_in_message_is_in_the_members_language(french_member, client):
    response = client.post(
        reverse("account_login"), {"login": french_member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("réussie" in t for t in texts), texts
    assert not any("Successfully signed in" in t for t in texts)


def test_two_factor_prompt_is_in_the_members_language(french_member, client):
    TOTP.activate(french_member, "JBSWY3DPEHPK3PXP")
    response = client.post(
        reverse("account_login"), {"login": french_member.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Votre compte est protégé" in page and "Your account is protected" not in page


def test_password_reset_mail_is_in_the_members_language_and_names_no_host(french_member, client):
    client.post(reverse("account_reset_password"), {"email": french_member.email})
    (message,) = mail.outbox
    assert "Hello from" not in message.body and "127.0.0.1:8000!" not in message.body
    assert f"Bonjour {french_member.get_short_name()}," in message.body
    assert "Réinitialisation du mot de passe" in message.subject
    assert re.search(r"/accounts/password/reset/key/\S+", message.body)
