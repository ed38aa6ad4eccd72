"""Intake in the admin: read-only, so every write goes through intake/services.py (audited)."""

from django.contrib import admin

from mentoring.forms.fields import SafeInputAdmin

from .models import Application, Call, ProgrammeText


class ReadOnly(SafeInputAdmin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(ReadOnly):
    list_display = ["title", "opens_at", "closes_at", "cohort"]


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["organisation_name", "call", "country", "status", "confirmed_at"]
    list_filter = ["status", "call"]
    exclude = ["confirm_token_hash", "read_token_hash", "attachment_key"]


@admin.register(ProgrammeText)
class ProgrammeTextAdmin(ReadOnly):
    list_display = ["language", "updated_at"]
