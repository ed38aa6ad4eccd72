from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    ActionItem,
    AuditEntry,
    CalendarFeedToken,
    CheckIn,
    Cohort,
    FocusArea,
    Goal,
    Meeting,
    MeetingAttendance,
    MeetingReminder,
    MeetingResponse,
    Membership,
    Mentorship,
    Organisation,
    Session,
    Topic,
)


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
    list_display = ["name", "name_fr"]
    search_fields = ["name", "name_fr"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "kind", "cohort", "status", "updated_at"]
    list_filter = ["status", "kind", "cohort", "country"]
    search_fields = ["name", "acronym", "city"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["focus_areas"]
    # Logos are changed on the organisation's page, where they are checked and resized.
    readonly_fields = ["logo"]
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


# --- Mentoring sessions ------------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The session topic taxonomy that leads edit."""

    list_display = ["name", "name_fr", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "name_fr"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "mentorship", "status", "target_date", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "mentorship__organisation__name"]
    list_select_related = ["mentorship__organisation"]
    raw_id_fields = ["mentorship"]


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["text", "owner", "owner_person", "due_date", "done_at"]
    raw_id_fields = ["owner_person"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """All logs, trashed ones included (column "moved to the trash")."""

    list_display = [
        "started_at",
        "mentorship",
        "author",
        "duration_minutes",
        "format",
        "deleted_at",
    ]
    list_filter = ["format", "topics", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["mentorship__organisation__name", "author__full_name", "summary"]
    date_hierarchy = "started_at"
    list_select_related = ["mentorship__organisation", "author"]
    raw_id_fields = ["mentorship", "author", "updated_by", "deleted_by"]
    filter_horizontal = ["attendees", "topics", "goals"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [ActionItemInline]

    def get_queryset(self, request):
        return Session.all_objects.select_related("mentorship__organisation", "author")


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["text", "session", "owner", "owner_person", "due_date", "done_at"]
    list_filter = ["owner", ("done_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "session__mentorship__organisation__name"]
    list_select_related = ["session__mentorship__organisation", "owner_person"]
    raw_id_fields = ["session", "owner_person", "done_by"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["mentorship", "stage", "side", "usefulness", "progress", "answered_at"]
    list_filter = ["stage", "side"]
    search_fields = ["mentorship__organisation__name"]
    list_select_related = ["mentorship__organisation"]
    raw_id_fields = ["mentorship", "respondent"]


# --- Community meetings ----------------------------------------------------------------------


class MeetingResponseInline(admin.TabularInline):
    model = MeetingResponse
    extra = 0
    raw_id_fields = ["user"]


class MeetingAttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    extra = 0
    raw_id_fields = ["user", "recorded_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Corrections only."""

    list_display = ["title", "kind", "starts_at", "timezone", "audience", "cancelled_at"]
    list_filter = ["kind", "audience", ("cancelled_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "agenda", "minutes"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["cohorts", "organisations", "hosts"]
    readonly_fields = ["uid", "sequence", "version", "created_by", "created_at", "updated_at"]
    inlines = [MeetingResponseInline, MeetingAttendanceInline]

    # Scheduling and cancelling happen in the portal, which sends the invitations and keeps the
    # calendar SEQUENCE; a cancelled meeting stays on record rather than being deleted.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if change:  # calendars must see a correction as a newer version of the event
            obj.sequence += 1
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(MeetingReminder)
class MeetingReminderAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "hours_before", "sent_at"]
    list_select_related = ["meeting", "user"]
    raw_id_fields = ["meeting", "user"]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    """Leads may revoke a feed (delete); the token itself is never shown or stored."""

    list_display = ["user", "hint", "created_at", "last_used_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "hint", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False
