import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_and_add_page_opens_for_a_lead(cast, client_for):
    """Catches a broken list column, filter or search field in any ModelAdmin."""
    client = client_for("lead")
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        response = client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "a"})
        assert response.status_code == 200, info
        if model_admin.has_add_permission(response.wsgi_request):
            assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200, info


def test_organisation_and_person_change_pages_open(cast, client_for):
    client = client_for("lead")
    assert (
        client.get(reverse("admin:mentoring_organisation_change", args=[cast.org_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:portal_user_change", args=[cast.member_a.pk])).status_code == 200
    )


def test_people_are_deactivated_not_deleted(cast, client_for):
    client = client_for("lead")
    response = client.post(
        reverse("admin:portal_user_changelist"),
        {"action": "deactivate", "_selected_action": [cast.member_a.pk]},
    )
    assert response.status_code == 302
    cast.member_a.refresh_from_db()
    assert not cast.member_a.is_active
    assert cast.member_a.memberships.exists()
    assert (
        client.get(reverse("admin:portal_user_delete", args=[cast.member_a.pk])).status_code == 403
    )
