"""Times with their zone's abbreviation and offset; dates in one unambiguous order."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from mentoring.zones import default_zone, zone_label


@pytest.mark.parametrize(
    "zone, moment, label",
    [
        ("America/Toronto", datetime(2026, 7, 1, tzinfo=UTC), "America/Toronto, EDT, UTC−4"),
        ("America/Toronto", datetime(2026, 12, 1, tzinfo=UTC), "America/Toronto, EST, UTC−5"),
        ("Europe/Zurich", datetime(2026, 7, 1, tzinfo=UTC), "Europe/Zurich, CEST, UTC+2"),
        ("Asia/Colombo", datetime(2026, 7, 1, tzinfo=UTC), "Asia/Colombo, UTC+5:30"),
        ("Africa/Abidjan", datetime(2026, 7, 1, tzinfo=UTC), "Africa/Abidjan, GMT, UTC+0"),
        ("UTC", datetime(2026, 7, 1, tzinfo=UTC), "UTC"),
    ],
)
def test_zone_labels_name_the_place_the_abbreviation_and_the_offset(zone, moment, label):
    assert zone_label(zone, moment) == label


def test_default_zone_from_the_country_else_the_fallback():
    assert default_zone("NG", "Europe/Zurich") == "Africa/Lagos"
    assert default_zone("ng", None) == "Africa/Lagos"
    assert default_zone("AQ", "Europe/Zurich") == "Europe/Zurich"
    assert default_zone(None, None) == "UTC"


def test_when_shows_the_zone_as_it_was_at_that_moment():
    template = Template("{% load ui %}{{ moment|when }}")
    with timezone.override("America/Toronto"), translation.override("en"):
        summer = template.render(Context({"moment": datetime(2026, 7, 1, 16, 0, tzinfo=UTC)}))
        winter = template.render(Context({"moment": datetime(2026, 12, 1, 17, 0, tzinfo=UTC)}))
    assert "1 Jul 2026, 12:00" in summer and "(America/Toronto, EDT, UTC−4)" in summer
    assert "1 Dec 2026, 12:00" in winter and "(America/Toronto, EST, UTC−5)" in winter


@pytest.mark.parametrize(
    "language, expected",
    [("en", "1 Dec 2026"), ("fr", "1 déc. 2026")],
)
def test_dates_are_day_month_year_in_both_languages(language, expected):
    with translation.override(language):
        assert date_format(date(2026, 12, 1)) == expected
        assert date_format(date(2026, 12, 1), "SHORT_DATE_FORMAT") == expected
