from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Project, Sector


class ProjectFilterForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("All")
    )
    approach = forms.ChoiceField(
        label=_("Approach"), required=False, choices=[("", _("All"))] + Project.Approach.choices
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All"))] + Project.Stage.choices
    )

    country = forms.CharField(required=False, max_length=2, widget=forms.HiddenInput)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["sector"]:
            queryset = queryset.filter(sectors=data["sector"])
        if data["approach"]:
            queryset = queryset.filter(approach=data["approach"])
        if data["stage"]:
            queryset = queryset.filter(stage=data["stage"])
        if len(data["country"]) == 2 and data["country"].isalpha():
            # Codes are stored as "CI,CA": two letters between commas never straddle a comma.
            queryset = queryset.filter(countries__contains=data["country"].upper())
        return queryset
