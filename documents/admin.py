"""Read-only in the admin: every change to a document goes through the portal's pages, which
check permission, refuse silent overwrites and write the audit log."""

from django.contrib import admin

from mentoring.forms.fields import SafeInputAdmin

from .models import Attachment, Document, NotificationPreference, Share, Version


class VersionInline(SafeInputAdmin, admin.TabularInline):
    model = Version
    fields = readonly_fields = (
        "number",
        "original_name",
        "size",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    )
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ShareInline(SafeInputAdmin, admin.TabularInline):
    model = Share
    fields = readonly_fields = ("organisation", "shared_by", "shared_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["title", "organisation", "category", "language", "updated_at", "deleted_at"]
    list_filter = ["category", "language", "organisation"]
    search_fields = ["title", "tags", "versions__original_name"]
    fields = ["title", "description", "category", "tags", "language"]
    inlines = [VersionInline, ShareInline]
    list_select_related = ["organisation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = readonly_fields = (
        "document",
        "content_type",
        "object_id",
        "attached_by",
        "attached_at",
    )
    list_select_related = ["document", "content_type", "attached_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["user", "email_on_new_documents"]
    autocomplete_fields = ["user"]
