"""The base of every filter form (lists of sessions, action items, organisations, meetings,
documents, and the dashboard's scope): bound to the query string, rendered by one template
(`templates/forms/filter.html`) that shows each field's errors next to it."""

from django import forms


class FilterForm(forms.Form):
    """A GET form over a list. Its fields render in the list's filter row, each in a column of
    `field_class`; a value that does not validate is shown with its message and ignored."""

    template_name = "forms/filter.html"
    field_class = "col-sm-6 col-md-4 col-lg-3"
