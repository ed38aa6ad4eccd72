from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Forms render through templates/forms/, styled for the portal and accessible."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
