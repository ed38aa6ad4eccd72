"""Dates at the edges of the calendar get a message in the form, never a 500."""

import pytest
from django.urls import reverse

from mentoring.models import Meeting
from tests.mentoring.test_meetings import _form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end"), [("9999-12-30", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
@pytest.mark.parametrize("url_name", ["portal:dashboard", "portal:funder_report"])
def test_dashboard_and_report_refuse_dates_out_of_range(cast, client_for, url_name, start, end):
    response = client_for("lead").get(
        reverse(url_name), {"period": "custom", "start": start, "end": end}
    )
    assert response.status_code == 200
    assert "Choose a date between 2000 and five years from now." in response.content.decode()


@pytest.mark.parametrize(
    ("day", "zone"), [("9999-12-31", "America/Toronto"), ("0001-01-01", "Asia/Colombo")]
)
def test_meeting_dates_out_of_range_are_refused(cast, client_for, day, zone):
    response = client_for("lead").post(
        reverse("mentoring:meeting_create"), _form(start_date=day, timezone=zone)
    )
    assert response.status_code == 200
    assert "Choose a date between 2000 and five years from now." in response.content.decode()
    assert not Meeting.objects.exists()
