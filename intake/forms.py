"""Forms for intake. They validate and have no side effects; the spam checks that need state
(rate limits) are in the view, the rest (honeypot, fill time) here."""

from __future__ import annotations

import time
import zoneinfo
from typing import cast

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.validation import inspect_upload
from mentoring import planner
from mentoring.forms.fields import VersionField
from mentoring.models import Cohort, timezone_choices
from mentoring.models.programme import Organisation

from .models import Application, Call, ProgrammeText

MAX_FILL_SECONDS = 2 * 86400
STARTED_SALT = "intake.application.started"
TEXT_LIMIT = 5000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def started_token(now: float | None = None) -> str:
    """When the form was shown, signed so a bot cannot claim it waited."""
    return signing.dumps(int(now if now is not None else time.time()), salt=STARTED_SALT)


class ApplicationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=200, min_length=2)
    country = forms.ChoiceField(label=_("Country"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=Organisation.Kind.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact e-mail address"))
    language = forms.ChoiceField(label=_("Language for our e-mails"), choices=settings.LANGUAGES)
    challenge = forms.CharField(
        label=_("The Collective Action challenge you face"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
    )
    hopes = forms.CharField(
        label=_("What you hope from mentoring"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A PDF, Office or OpenDocument file, or a picture: for example your strategy."),
    )
    # Spam: a field people never see or fill, and when the form was shown.
    homepage = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        from django_countries import countries

        self.call = call
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "—"), *countries]
        self.fields["homepage"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "visually-hidden-field"}
        )
        self.questions = call.question_list()
        for n, question in enumerate(self.questions):
            self.fields[f"q{n}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_LIMIT
            )

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled: answered like a success, and nothing is stored."""
        return bool(self.data.get("homepage"))

    def clean(self):
        """The fill-time check, as a message at the top (the field itself is hidden)."""
        data = super().clean()
        try:
            started = signing.loads(data.get("started") or "", salt=STARTED_SALT)
            elapsed = time.time() - float(started)
        except (signing.BadSignature, TypeError, ValueError):
            self.add_error(None, _("Please reload the page and fill in the form again."))
            return data
        if elapsed < settings.PORTAL_INTAKE_MIN_FILL_SECONDS:
            self.add_error(
                None, _("That was very fast: please check your answers and send the form again.")
            )
        elif elapsed > MAX_FILL_SECONDS:
            self.add_error(None, _("This form is too old: please reload the page and fill it in."))
        return data

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        return inspect_upload(upload)

    def application_data(self) -> dict:
        data = self.cleaned_data
        return {
            field: data[field]
            for field in (
                "organisation_name",
                "country",
                "website",
                "kind",
                "contact_name",
                "contact_email",
                "language",
                "challenge",
                "hopes",
            )
        }

    def answers(self) -> list[dict]:
        return [
            {"question": q, "answer": self.cleaned_data[f"q{n}"]}
            for n, q in enumerate(self.questions)
        ]


class CallForm(forms.ModelForm):
    opens_date = forms.DateField(label=_("Opens on"), widget=DATE)
    opens_time = forms.TimeField(label=_("at"), widget=TIME, initial="09:00")
    closes_date = forms.DateField(label=_("Closes on"), widget=DATE)
    closes_time = forms.TimeField(label=_("at"), widget=TIME, initial="17:00")
    timezone = forms.ChoiceField(label=_("Timezone of these dates"), choices=timezone_choices)

    class Meta:
        model = Call
        fields = ["title", "description", "cohort", "questions", "timezone"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "questions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.order_by("-year")
        self.order_fields(
            ["title", "description", "opens_date", "opens_time", "closes_date", "closes_time",
             "timezone", "cohort", "questions"]
        )  # fmt: skip
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.instance.timezone)
            opens = self.instance.opens_at.astimezone(zone)
            closes = self.instance.closes_at.astimezone(zone)
            self.initial.update(
                opens_date=opens.date(),
                opens_time=opens.time().replace(second=0, microsecond=0),
                closes_date=closes.date(),
                closes_time=closes.time().replace(second=0, microsecond=0),
            )

    def clean(self):
        data = super().clean()
        zone = data.get("timezone")
        moments = {}
        for which in ("opens", "closes"):
            day, clock = data.get(f"{which}_date"), data.get(f"{which}_time")
            if day and clock and zone:
                try:
                    moments[which] = planner.local_to_utc(day, clock, zone)
                except planner.LocalTimeError as exc:
                    self.add_error(f"{which}_time", str(exc))
        if len(moments) == 2:
            if moments["closes"] <= moments["opens"]:
                self.add_error("closes_date", _("The call must close after it opens."))
            else:
                self.instance.opens_at = moments["opens"]
                self.instance.closes_at = moments["closes"]
        return data


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=pgettext_lazy("review", "Score"),
        choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 (weak) to 5 (strong)."),
    )
    notes = forms.CharField(
        label=_("Your notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        max_length=TEXT_LIMIT,
    )  # fmt: skip


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=TEXT_LIMIT,
        help_text=_("Sent as it is, in the application's language. Edit it before sending."),
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", pgettext_lazy("application status filter", "Any")),
            *Application.Status.choices,
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", pgettext_lazy("country filter", "Any")),
            *countries,
        ]


class ProgrammeTextForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ProgrammeText
        fields = ["offer", "funders", "links"]
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 10}),
            "funders": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            title, sep, url = line.partition("|")
            if not sep or not title.strip() or not url.strip().startswith(("https://", "http://")):
                raise ValidationError(
                    _("Write each link as a title, a vertical bar and an address: %(line)s")
                    % {"line": line[:80]}
                )
        return "\n".join(lines)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(label="")  # the label is the consent text, set in __init__
    homepage = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, consent_text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        self.fields["consent"].error_messages["required"] = _(
            "Please tick the box to say you want the newsletter."
        )
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("homepage"))


class IssueForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        from .models import NewsletterIssue

        model = NewsletterIssue
        fields = ["title", "subject_en", "body_en", "subject_fr", "body_fr"]
        widgets = {
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "body_fr": forms.Textarea(attrs={"rows": 12, "lang": "fr"}),
        }
