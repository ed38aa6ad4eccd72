"""Action items in a session log: one form per item, owners limited to the mentorship's
people, and the formset that ties them to a session."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ...models import ActionItem, Mentorship, Session
from .common import DateInput


class ActionItemForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), initial="organisation")
    due_date = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    done = forms.BooleanField(label=_("Done"), required=False)
    # The tick as this form showed it: only a change made in this form is applied.
    done_shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = owner_choices
        self.people = {
            value: pk for value, pk in ((v, _person_pk(v)) for v, _label in owner_choices) if pk
        }

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if owner:
            pk = self.people.get(owner)
            if owner == ActionItem.Owner.MENTOR or owner.startswith("mentor-"):
                data["owner_side"] = ActionItem.Owner.MENTOR
            else:
                data["owner_side"] = ActionItem.Owner.ORGANISATION
            data["owner_person_id"] = pk
        return data

    def item_data(self) -> dict:
        data = self.cleaned_data
        return {
            "id": data.get("id"),
            "text": data["text"],
            "owner": data["owner_side"],
            "owner_person_id": data["owner_person_id"],
            "due_date": data.get("due_date"),
            "done": data.get("done", False),
            # Only what this person changed: an item someone ticked off while the form was
            # open must not come back unticked.
            "done_changed": not data.get("id")
            or data.get("done", False) != (data.get("done_shown") == "1"),
            "delete": data.get("DELETE", False),
        }


def _person_pk(value: str) -> int | None:
    side, _sep, pk = value.partition("-")
    return int(pk) if side in {"member", "mentor"} and pk.isdigit() else None


def owner_choices(mentorship: Mentorship) -> list[tuple[str, str]]:
    """The organisation, its mentors, or one named person of the mentorship."""
    user_model = get_user_model()
    mentors = list(mentorship.mentors.filter(is_active=True))
    members = list(
        user_model.objects.filter(
            memberships__organisation=mentorship.organisation, is_active=True
        ).order_by("full_name")
    )
    choices = [
        ("organisation", _("The organisation")),
        ("mentor", _("The mentor")),
    ]
    choices += [(f"mentor-{m.pk}", f"{m.full_name} ({_('mentor')})") for m in mentors]
    choices += [
        (f"member-{p.pk}", f"{p.full_name} ({mentorship.organisation.short_name})") for p in members
    ]
    return choices


def owner_value(item: ActionItem) -> str:
    if item.owner_person_id:
        prefix = "mentor" if item.owner == ActionItem.Owner.MENTOR else "member"
        return f"{prefix}-{item.owner_person_id}"
    return item.owner


class BaseActionItemFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        ids = [f.cleaned_data.get("id") for f in self.forms if f.cleaned_data.get("id")]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(_("An action item appears twice."))

    def items(self) -> list[dict]:
        return [
            form.item_data()
            for form in self.forms
            if form.cleaned_data and (form.has_changed() or form.cleaned_data.get("id"))
        ]


ActionItemFormSet = forms.formset_factory(
    ActionItemForm,
    formset=BaseActionItemFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def action_item_formset(data, *, mentorship: Mentorship, session: Session | None = None):
    initial = []
    if session is not None:
        initial = [
            {
                "id": item.pk,
                "text": item.text,
                "owner": owner_value(item),
                "due_date": item.due_date,
                "done": item.is_done,
                "done_shown": "1" if item.is_done else "0",
            }
            for item in session.action_items.all()
        ]
    return ActionItemFormSet(
        data,
        initial=initial,
        prefix="items",
        form_kwargs={"owner_choices": owner_choices(mentorship)},
    )


# --- Check-ins -------------------------------------------------------------------------------
