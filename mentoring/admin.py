from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Cohort, FocusArea, Membership, Mentorship, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "year"]
    list_filter = ["year"]
    search_fields = ["name"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "kind", "cohort", "status", "updated_at"]
    list_filter = ["status", "kind", "cohort", "country"]
    search_fields = ["name", "acronym", "city"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["focus_areas"]
    inlines = [MembershipInline]
    list_select_related = ["cohort"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "is_admin", "created_at"]
    list_filter = ["is_admin", "organisation"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "mentor_names", "start_date", "planned_end_date", "status"]
    list_filter = ["status", "organisation__cohort"]
    search_fields = ["organisation__name", "mentors__full_name"]
    filter_horizontal = ["mentors"]
    list_select_related = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("mentors")

    @admin.display(description=_("mentors"))
    def mentor_names(self, obj) -> str:
        return ", ".join(m.full_name for m in obj.mentors.all())


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log cannot be edited from the interface."""

    list_display = ["at", "action", "actor", "organisation", "summary", "ip_address"]
    list_filter = ["action", "organisation"]
    search_fields = ["summary", "actor__email", "target_id"]
    date_hierarchy = "at"
    list_select_related = ["actor", "organisation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
