"""Integers past 64 bits in multiple-choice fields and numeric fields: a form error, never a
500. A guard walks every form class and the admin so a new field cannot forget the bounds."""

import inspect

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

import documents.forms
import mentoring.forms
import mentoring.forms.meetings
import mentoring.forms.organisations
import mentoring.forms.sessions
import portal.forms
from documents import services
from documents.validation import inspect_upload
from mentoring.forms.fields import ModelMultipleChoiceField
from mentoring.models import Cohort, Meeting, Session
from tests.documents.helpers import pdf
from tests.mentoring.test_meetings import _form as meeting_form
from tests.mentoring.test_sessions import payload as session_payload

pytestmark = pytest.mark.django_db

HUGE = str(2**70)
HUGE_NEGATIVE = str(-(2**70))
FORM_MODULES = [
    documents.forms,
    mentoring.forms.meetings,
    mentoring.forms.organisations,
    mentoring.forms.sessions,
    portal.forms,
]


def _form_classes():
    for module in FORM_MODULES:
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, forms.BaseForm):
                yield f"{module.__name__}.{name}", value


def test_every_multiple_choice_and_integer_field_is_bounded():
    checked = 0
    for name, form_class in _form_classes():
        for field_name, field in form_class.base_fields.items():
            where = f"{name}.{field_name}"
            if isinstance(field, forms.ModelMultipleChoiceField):
                assert isinstance(field, ModelMultipleChoiceField), where
                checked += 1
            elif isinstance(field, forms.IntegerField):
                assert field.max_value is not None, where
                checked += 1
    assert checked >= 15


def test_every_admin_many_to_many_field_is_bounded(cast):
    request = RequestFactory().get("/admin/")
    request.user = cast.lead
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.many_to_many:
            form_field = model_admin.formfield_for_manytomany(field, request)
            if form_field is not None:
                assert isinstance(form_field, ModelMultipleChoiceField), (model, field.name)
                checked += 1
    assert checked >= 8


@pytest.mark.parametrize("value", [HUGE, HUGE_NEGATIVE, "1e400", "abc"])
def test_the_field_says_invalid_choice(cast, value):
    field = ModelMultipleChoiceField(queryset=Cohort.objects.all())
    with pytest.raises(forms.ValidationError) as exc:
        field.clean([value])
    assert exc.value.code in {"invalid_pk_value", "invalid_choice"}


@pytest.mark.parametrize(
    "data",
    [
        {"capacity": HUGE},
        {"audience": "cohorts", "cohorts": [HUGE]},
        {"audience": "organisations", "organisations": [HUGE_NEGATIVE]},
        {"hosts": [HUGE]},
        {"version": HUGE},
    ],
)
def test_meeting_form(cast, client_for, data):
    response = client_for("lead").post(reverse("mentoring:meeting_create"), meeting_form(**data))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "field", ["attendees", "topics", "goals", "duration_minutes", "version", "items-0-id"]
)
def test_session_log_form(cast, client_for, field):
    data = session_payload(cast, **{field: [HUGE] if field in {"attendees", "topics"} else HUGE})
    if field == "goals":
        data["goals"] = [HUGE]
    url = reverse("mentoring:session_create", args=[cast.mentorship_a.pk])
    response = client_for("mentor_a").post(url, data)
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_mentorship_form(cast, client_for):
    response = client_for("lead").post(
        reverse("mentoring:mentorship_edit", args=[cast.mentorship_a.pk]),
        {"mentors": [HUGE], "start_date": "2026-01-01", "status": "active", "version": "1"},
    )
    assert response.status_code == 200 and "mentors" in response.context["form"].errors


def test_organisation_form(cast, client_for):
    response = client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=[cast.org_a.slug]),
        {"name": "Alliance A", "focus_areas": [HUGE], "country": "TG"},
    )
    assert response.status_code == 200 and "focus_areas" in response.context["form"].errors


def _document(cast):
    return services.documents_upload(
        organisation=cast.org_a, actor=cast.admin_a, files=[inspect_upload(pdf())]
    )[0]


def test_share_form(cast, client_for):
    document = _document(cast)
    response = client_for("admin_a").post(
        reverse("documents:share", args=[document.public_id]), {"organisations": [HUGE]}
    )
    assert response.status_code == 200
    assert not document.shares.exists()


@pytest.mark.parametrize("field", ["revision", "based_on"])
def test_document_versions(cast, client_for, field):
    document = _document(cast)
    if field == "revision":
        url = reverse("documents:edit", args=[document.public_id])
        data = {"title": "x", "category": "working", "language": "en", "revision": HUGE}
    else:
        url = reverse("documents:version_upload", args=[document.public_id])
        data = {"file": pdf("v2.pdf"), "based_on": HUGE}
    assert client_for("admin_a").post(url, data).status_code == 200


def test_admin_many_to_many(cast, client_for):
    # Mentorships are read-only in the admin (their writes are versioned and audited in the
    # portal), so the bounded field is shown on an editable admin with a many-to-many.
    url = reverse("admin:auth_group_add")
    response = client_for("lead").post(url, {"name": "Reviewers", "permissions": [HUGE]})
    assert response.status_code == 200
    assert "permissions" in response.context["adminform"].form.errors
