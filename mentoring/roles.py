from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A person's place in the programme. Mentees belong to organisations through Membership."""

    LEAD = "lead", _("Programme lead")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
