import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from mentoring.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.images import bomb_png, jpeg_with_exif, png_upload

pytestmark = pytest.mark.django_db


def _profile(client, **data):
    payload = {"full_name": "Amal Member", "timezone": "Africa/Lome", "language": "en"}
    payload.update(data)
    return client.post(reverse("portal:profile"), payload)


def test_profile_saves_timezone_and_language_and_the_interface_follows(cast, client_for):
    client = client_for("member_a")
    response = _profile(client, timezone="Asia/Colombo", language="fr")
    assert response.status_code == 302
    cast.member_a.refresh_from_db()
    assert (cast.member_a.timezone, cast.member_a.language) == ("Asia/Colombo", "fr")
    page = client.get(reverse("portal:home"))
    assert page["Content-Language"] == "fr"
    assert b"Asia/Colombo" in page.content


def test_unknown_timezone_is_refused(cast, client_for):
    response = _profile(client_for("member_a"), timezone="Mars/Olympus")
    assert "timezone" in response.context["form"].errors


def test_avatar_is_resized_stripped_and_served_only_to_signed_in_people(cast, client_for, client):
    member = client_for("member_a")
    _profile(member, avatar=jpeg_with_exif())
    cast.member_a.refresh_from_db()
    assert cast.member_a.avatar.name.startswith("pictures/")
    assert "photo" not in cast.member_a.avatar.name
    with cast.member_a.avatar.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "PNG" and max(image.size) <= 256
    assert not image.getexif() and "exif" not in image.info

    url = reverse("portal:avatar", args=[cast.member_a.pk])
    response = client_for("member_b").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    response.close()
    assert client.get(url).status_code == 302  # anonymous: to the login page


@pytest.mark.parametrize(
    "upload",
    [
        lambda: bomb_png(),
        lambda: SimpleUploadedFile("evil.png", b"MZ\x90\x00 not a picture", "image/png"),
        lambda: SimpleUploadedFile("drawing.svg", b"<svg onload='alert(1)'/>", "image/svg+xml"),
        lambda: png_upload(size=(10, 10)).__class__(
            "huge.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1), "image/png"
        ),
    ],
    ids=["decompression-bomb", "not-an-image", "svg", "over-5-MB"],
)
def test_bad_avatars_are_refused_with_a_message(cast, client_for, upload):
    response = _profile(client_for("member_a"), avatar=upload())
    assert response.status_code == 200
    assert "avatar" in response.context["form"].errors
    cast.member_a.refresh_from_db()
    assert not cast.member_a.avatar


def test_language_switcher_remembers_the_choice_on_the_profile(cast, client_for):
    client = client_for("member_a")
    response = client.post(reverse("portal:set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    cast.member_a.refresh_from_db()
    assert cast.member_a.language == "fr"


def test_language_switcher_refuses_foreign_redirects(client):
    response = client.post(
        reverse("portal:set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert client.cookies["django_language"].value == "fr"


def test_deactivated_person_cannot_sign_in_but_their_rows_stay(cast, client):
    cast.member_a.is_active = False
    cast.member_a.save()
    response = client.post(
        reverse("account_login"), {"login": cast.member_a.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    assert cast.member_a.memberships.exists()


def test_active_person_signs_in_with_email(cast, client):
    response = client.post(
        reverse("account_login"), {"login": "MEMBER.A@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.member_a.pk)


def test_there_is_no_open_signup(client):
    client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": "a-long-pass-42", "password2": "a-long-pass-42"},
    )
    from portal.models import User

    assert not User.objects.filter(email="x@example.org").exists()


@override_settings(PORTAL_LEADS_REQUIRE_MFA=True)
def test_leads_must_turn_on_two_factor_before_any_lead_page(cast, client_for):
    client = client_for("lead")
    response = client.get(reverse("portal:invitation_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself stays reachable (allauth first asks for the password again).
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/")
    Authenticator.objects.create(user=cast.lead, type=Authenticator.Type.TOTP, data={})
    assert client.get(reverse("portal:invitation_list")).status_code == 200
    # Other roles are not forced.
    assert client_for("member_a").get(reverse("portal:home")).status_code == 200


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"},
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
)
def test_failed_logins_are_rate_limited(client, db):
    UserFactory(email="target@example.org", role=Role.MENTEE)
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "target@example.org", "password": "x"})
    response = client.post(
        reverse("account_login"), {"login": "target@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
