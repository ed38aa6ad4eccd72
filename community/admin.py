"""Leads edit the sector list here. Projects, partners and introductions are read-only: their
writes go through the audited services (merge, trash, versioned edits) in the portal."""

from django.contrib import admin

from mentoring.forms.fields import SafeInputAdmin

from .models import Introduction, Partner, Project, Sector


@admin.register(Sector)
class SectorAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["name", "name_fr", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_fr"]


class ReadOnlyAdmin(SafeInputAdmin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "stage", "approach", "is_confidential", "deleted_at"]
    list_filter = ["stage", "approach", "is_confidential"]
    search_fields = ["title", "organisation__name"]


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "country"]
    search_fields = ["name", "key"]


@admin.register(Introduction)
class IntroductionAdmin(ReadOnlyAdmin):
    list_display = ["from_organisation", "to_organisation", "status", "created_at"]
    list_filter = ["status"]
