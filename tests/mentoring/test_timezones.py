"""The timezone field: the programme's zones grouped by region, a search on the server for the
others, the browser's zone only as an improvement (mentoring/timezones.py)."""

import re

import pytest
from django.urls import reverse

from mentoring.roles import Role
from mentoring.timezones import grouped, place, programme_zones, search
from portal.services import invitation_create

pytestmark = pytest.mark.django_db


def _profile(client, **data):
    payload = {"full_name": "Amal Member", "timezone": "Africa/Lome", "language": "en"}
    payload.update(data)
    return client.post(reverse("portal:profile"), payload)


def _options(html: str) -> list[str]:
    match = re.search(r'<select name="timezone".*?</select>', html, re.S)
    assert match is not None
    select = match.group(0)
    return re.findall(r'<option value="([^"]+)"', select)


def test_the_field_lists_the_programmes_zones_by_region_not_all_of_them(cast, client_for):
    html = client_for("member_a").get(reverse("portal:profile")).content.decode()
    options = _options(html)
    assert set(options) == set(programme_zones()) | {"UTC"}
    assert {"Asia/Colombo", "UTC"} <= set(options) and len(options) < 20
    assert '<optgroup label="Asia"><option value="Asia/Colombo">Colombo</option>' in html
    assert 'name="timezone_search"' in html and 'name="timezone_find"' in html


def test_one_query_finds_the_programmes_zones(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        zones = programme_zones()
    assert "Asia/Colombo" in zones


def test_typing_a_city_saves_its_zone(cast, client_for):
    response = _profile(client_for("member_a"), timezone="UTC", timezone_search="lagos")
    assert response.status_code == 302
    cast.member_a.refresh_from_db()
    assert cast.member_a.timezone == "Africa/Lagos"


def test_a_word_matching_several_zones_lists_them_first_and_saves_nothing(cast, client_for):
    response = _profile(client_for("member_a"), timezone="UTC", timezone_search="san")
    assert response.status_code == 200
    assert "Choose your zone among those matching" in str(response.context["form"].errors)
    options = _options(response.content.decode())
    assert options[0] == "UTC" and "san" in options[1].lower() and "America/Santiago" in options
    assert 'name="timezone_search" id="id_timezone_search" autocomplete="off">' in (
        response.content.decode()
    )  # the box comes back empty, so the next save takes the list's choice
    cast.member_a.refresh_from_db()
    assert cast.member_a.timezone != "America/Santiago"


def test_the_find_button_only_shows_the_match(cast, client_for):
    before = cast.member_a.timezone
    response = _profile(
        client_for("member_a"), timezone="UTC", timezone_search="toronto", timezone_find="1"
    )
    assert response.status_code == 200
    assert '<option value="America/Toronto" selected>' in response.content.decode()
    cast.member_a.refresh_from_db()
    assert cast.member_a.timezone == before != "America/Toronto"


def test_no_match_is_explained(cast, client_for):
    response = _profile(client_for("member_a"), timezone_search="Atlantis")
    assert "No timezone matches “Atlantis”" in str(response.context["form"].errors)


def test_search_place_and_groups():
    assert search("new york") == ["America/New_York"]
    assert search("America/Toronto") == ["America/Toronto"]
    assert search("  ") == []
    assert place("America/Argentina/Buenos_Aires") == "Buenos Aires (Argentina)"
    assert grouped(["UTC", "Europe/Zurich", "Africa/Lome", "Africa/Accra"]) == [
        ("", [("UTC", "UTC")]),
        ("Africa", [("Africa/Accra", "Accra"), ("Africa/Lome", "Lome")]),
        ("Europe", [("Europe/Zurich", "Zurich")]),
    ]


def test_the_join_page_asks_the_browser_for_its_zone(cast, client):
    _invitation, token = invitation_create(
        actor=cast.lead, email="nia@example.org", role=Role.MENTEE, organisation=cast.org_a
    )
    html = client.get(reverse("portal:invitation_accept", args=[token])).content
    assert b"data-tz-detect" in html
    assert b"portal/timezone.js" in html
