"""Control characters in names and titles are refused in every form and in the admin, and
e-mail subjects are one line of plain text (never HTML-escaped, never a CR/LF)."""

import pytest
from django import forms
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from documents import services
from documents.validation import inspect_upload
from mentoring.mail_subjects import subject_line
from mentoring.models import Organisation
from mentoring.validators import validate_multi_line, validate_single_line
from tests.documents.helpers import pdf
from tests.test_hostile_numbers import _form_classes

pytestmark = pytest.mark.django_db

BAD_SINGLE = [
    "Alliance\r\nBcc: x@example.org",
    "tab\there",
    "nel\x85",
    "bell\x07",
    "rtl\u202egpj.exe",
]
GOOD = ["Réseau l'Intégrité", "ශ්‍රී ලංකා", "שלום\u200f עולם", "Transparency – Togo", "😀 team"]


@pytest.mark.parametrize("value", BAD_SINGLE)
def test_single_line_refuses_controls_and_direction_overrides(value):
    with pytest.raises(forms.ValidationError):
        validate_single_line(value)


@pytest.mark.parametrize("value", GOOD)
def test_real_names_pass(value):
    validate_single_line(value)
    validate_multi_line(value)


def test_multi_line_keeps_line_breaks_and_tabs_but_no_other_control():
    validate_multi_line("First line\r\n\tindented\nlast")
    for bad in ("bell\x07", "esc\x1b[31m", "c1\x9b"):
        with pytest.raises(forms.ValidationError):
            validate_multi_line(bad)


def _is_single_line_text(field) -> bool:
    return type(field.widget) is forms.TextInput and type(field) not in {
        forms.EmailField,
        forms.URLField,
        forms.SlugField,
    }


def test_every_text_field_of_every_form_has_its_validator():
    checked = 0
    for name, form_class in _form_classes():
        for field_name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField) or field_name == "q":
                continue
            where = f"{name}.{field_name}"
            if isinstance(field.widget, forms.Textarea):
                assert validate_multi_line in field.validators, where
                checked += 1
            elif _is_single_line_text(field):
                assert validate_single_line in field.validators, where
                checked += 1
    assert checked >= 25


def test_every_admin_text_field_has_its_validator(cast):
    request = RequestFactory().get("/admin/")
    request.user = cast.lead
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"portal", "mentoring", "documents", "auth"}:
            continue  # third-party admins (allauth's addresses are e-mail fields)
        for db_field in model._meta.fields:
            if db_field.choices or db_field.get_internal_type() not in {"CharField", "TextField"}:
                continue
            field = model_admin.formfield_for_dbfield(db_field, request)
            if field is None:
                continue
            expected = (
                validate_multi_line
                if db_field.get_internal_type() == "TextField"
                else validate_single_line
            )
            assert expected in field.validators, (model, db_field.name)
            checked += 1
    assert checked >= 20


def test_the_organisation_form_refuses_a_line_break_in_the_name(cast, client_for):
    response = client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=[cast.org_a.slug]),
        {"name": "Alliance\r\nA", "country": "TG", "timezone": "UTC", "kind": "ti"},
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    cast.org_a.refresh_from_db()
    assert cast.org_a.name == "Alliance A"


def test_the_admin_refuses_a_line_break_in_a_name(cast, client_for):
    response = client_for("lead").post(
        reverse("admin:mentoring_cohort_add"), {"name": "2027\r\nCohort", "year": "2027"}
    )
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


def test_upload_title_with_a_direction_override_is_refused(cast, client_for):
    response = client_for("member_a").post(
        reverse("documents:upload", args=["alliance-a"]),
        {"category": "working", "language": "en", "title": "plan\u202efdp", "files": [pdf()]},
    )
    assert response.status_code == 200 and "title" in response.context["form"].errors


@pytest.mark.parametrize(
    "text,line",
    [
        ("New document in the space of Réseau l'Intégrité", None),
        ("  Invitation:\r\n Bcc: evil@example.org\n", "Invitation: Bcc: evil@example.org"),
        ("a\x00b\x85c\u2028d\u202ee", "a b c d e"),
        ("x" * 400, None),
    ],
)
def test_subject_line(text, line):
    result = subject_line(text)
    assert "\r" not in result and "\n" not in result and "&#" not in result
    if line is not None:
        assert result == line
    assert len(result) <= 250


def test_a_name_with_a_quote_and_a_line_break_still_gets_its_notification(
    cast, django_capture_on_commit_callbacks
):
    """Names already stored (before this check, or by a script) must not stop the e-mails."""
    Organisation.objects.filter(pk=cast.org_a.pk).update(name="Réseau l'Intégrité\r\nTogo")
    cast.org_a.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.documents_upload(
            organisation=cast.org_a, actor=cast.admin_a, files=[inspect_upload(pdf())]
        )
    assert mail.outbox
    subject = mail.outbox[0].subject
    assert subject == "New document in the space of Réseau l'Intégrité Togo"


@pytest.mark.parametrize(
    "template",
    [
        "documents/email/notify_subject.txt",
        "mentoring/email/meeting_subject.txt",
        "mentoring/email/inactivity_reminder_subject.txt",
        "mentoring/email/session_logged_subject.txt",
    ],
)
def test_subject_templates_do_not_escape(template):
    from django.template.loader import render_to_string

    from tests.factories import MeetingFactory

    meeting = MeetingFactory.build(title="L'Intégrité & <co>")
    organisation = Organisation(name="L'Intégrité & <co>", acronym="L'I&<c>")
    rendered = render_to_string(
        template,
        {"organisation": organisation, "meeting": meeting, "kind": "invitation", "event": "new"},
    )
    assert "L'I" in rendered and "&#" not in rendered and "&amp;" not in rendered
