"""Every filter form is a FilterForm rendered by templates/forms/filter.html, so a value that
does not validate is shown with its message next to its field (four of five used to drop it)."""

import pytest
from django.urls import reverse

from documents.forms import SearchForm
from mentoring.forms.filters import FilterForm
from mentoring.forms.meetings import ArchiveFilterForm
from mentoring.forms.organisations import OrganisationFilterForm
from mentoring.forms.sessions import ActionItemFilterForm, SessionFilterForm
from portal.dashboard.filters import ScopeForm

CASES = [
    (
        "member_a",
        "mentoring:session_list",
        {"date_from": "2025-02-01", "date_to": "2025-01-01"},
        "date_to",
        "The end of the range comes before its start.",
    ),
    ("member_a", "mentoring:action_item_list", {"show": "bogus"}, "show", "Select a valid choice"),
    ("member_a", "mentoring:organisation_list", {"kind": "bogus"}, "kind", "Select a valid choice"),
    ("member_a", "mentoring:meeting_archive", {"year": "1066"}, "year", "Select a valid choice"),
    ("member_a", "documents:index", {"category": "bogus"}, "category", "Select a valid choice"),
    (
        "lead",
        "portal:dashboard",
        {"period": "custom", "start": "", "end": "2025-01-31"},
        "start",
        "Give the first day of the custom period.",
    ),
]


@pytest.mark.parametrize(("who", "url_name", "query", "field", "message"), CASES)
def test_each_filter_shows_its_field_errors(cast, client_for, who, url_name, query, field, message):
    html = client_for(who).get(reverse(url_name), query).content.decode()
    error = html.split(f'id="id_{field}_error"', 1)
    assert len(error) == 2, f"no error shown for {field}"
    assert message in error[1].split("</div>", 1)[0]
    assert "pf-invalid" in error[0].rsplit("<label", 1)[0][-300:]


def test_every_filter_form_shares_the_base_and_the_template():
    for form in (
        SessionFilterForm,
        ActionItemFilterForm,
        OrganisationFilterForm,
        ArchiveFilterForm,
        SearchForm,
        ScopeForm,
    ):
        assert issubclass(form, FilterForm)
        assert form.template_name == "forms/filter.html"


def test_one_date_widget_everywhere():
    from mentoring.forms.meetings import MeetingForm
    from mentoring.forms.sessions import GoalForm, MentorshipForm, SessionForm
    from mentoring.forms.widgets import DateInput

    fields = [
        SessionFilterForm.base_fields["date_from"],
        ScopeForm.base_fields["start"],
        MeetingForm.base_fields["start_date"],
        MentorshipForm.base_fields["start_date"],
        GoalForm.base_fields["target_date"],
        SessionForm.base_fields["date"],
    ]
    assert all(type(field.widget) is DateInput for field in fields)
