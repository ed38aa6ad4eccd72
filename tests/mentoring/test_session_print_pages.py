"""The printable session history comes in pages, so a long history stays light."""

import pytest
from django.urls import reverse

from mentoring.views import sessions as session_views
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_printable_history_paginates(cast, client_for, monkeypatch):
    monkeypatch.setattr(session_views, "PRINT_PAGE", 2)
    for n in range(3):
        SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a, summary=f"Log {n}")
    client = client_for("mentor_a")
    url = reverse("mentoring:session_print") + "?organisation=alliance-a"
    first = client.get(url).content.decode()
    second = client.get(url + "&page=2").content.decode()
    assert first.count('class="print-session') == 2 and second.count('class="print-session') == 1
    assert "Page 1 of 2" in first and "page=2" in first
    assert "3 sessions" in first  # the totals cover the whole history
