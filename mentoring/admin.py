"""The Django admin, where leads correct data. It keeps the house rules: records of the
mentoring itself (mentorships, goals, session logs, action items, check-ins) are read-only
here, because their edits must be versioned and audited, which the portal's pages do through
the services; session logs go to the trash and come back through the audited services
(actions below), never a hard delete. What stays editable here is audited on save."""

from typing import cast

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import audit
from .forms.fields import SafeInputAdmin
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
from .services import sessions as session_services


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed or deleted here: the portal's audited, versioned services do that."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Editable here; every save and delete writes an audit entry (`<model>.admin_edit`, …)."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change and hasattr(obj, "version"):
                obj.version += 1  # an edit opened in the portal before this one is refused
            super().save_model(request, obj, form, change)
            action = "admin_edit" if change else "admin_add"
            audit(
                f"{obj._meta.model_name}.{action}",
                actor=request.user,
                target=obj,
                summary=", ".join(form.changed_data)[:300],
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit(
                f"{obj._meta.model_name}.admin_delete",
                actor=request.user,
                target=obj,
                summary=str(obj),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows (an organisation's memberships) are audited on their parent."""
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            rows = [
                *(("admin_add", obj) for obj in formset.new_objects),
                *(("admin_edit", obj) for obj, _fields in formset.changed_objects),
                *(("admin_delete", obj) for obj in formset.deleted_objects),
            ]
            for action, obj in rows:
                audit(
                    f"{obj._meta.model_name}.{action}",
                    actor=request.user,
                    target=form.instance,
                    summary=str(obj)[:300],
                )


class MembershipInline(SafeInputAdmin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Cohort)
class CohortAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["name", "year"]
    list_filter = ["year"]
    search_fields = ["name"]


@admin.register(FocusArea)
class FocusAreaAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["name", "name_fr"]
    search_fields = ["name", "name_fr"]


@admin.register(Organisation)
class OrganisationAdmin(SafeInputAdmin, AuditedAdmin):
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
class MembershipAdmin(SafeInputAdmin, AuditedAdmin):
    list_display = ["user", "organisation", "is_admin", "created_at"]
    list_filter = ["is_admin", "organisation"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Mentorship)
class MentorshipAdmin(SafeInputAdmin, ReadOnlyAdmin):
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
class AuditEntryAdmin(SafeInputAdmin, admin.ModelAdmin):
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
class TopicAdmin(SafeInputAdmin, admin.ModelAdmin):
    """The session topic taxonomy that leads edit."""

    list_display = ["name", "name_fr", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "name_fr"]


@admin.register(Goal)
class GoalAdmin(SafeInputAdmin, ReadOnlyAdmin):
    list_display = ["title", "mentorship", "status", "target_date", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "mentorship__organisation__name"]
    list_select_related = ["mentorship__organisation"]
    raw_id_fields = ["mentorship"]


class ActionItemInline(SafeInputAdmin, admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["text", "owner", "owner_person", "due_date", "done_at"]
    readonly_fields = cast(list[str], fields)  # the same names, all plain fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(SafeInputAdmin, ReadOnlyAdmin):
    """All logs, trashed ones included (column "moved to the trash"). Leads move logs to the
    trash and back with the actions, through the same audited services as the portal."""

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

    actions = ["move_to_trash", "restore_from_trash"]

    def get_queryset(self, request):
        return Session.all_objects.select_related("mentorship__organisation", "author")

    def get_actions(self, request):
        # Django offers bulk deletion only with delete permission; these two are ours.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_trash_permission(self, request) -> bool:
        return bool(getattr(request.user, "is_lead", False))

    @admin.action(description=_("Move the selected logs to the trash"), permissions=["trash"])
    def move_to_trash(self, request, queryset):
        n = self._each(request, queryset.alive(), session_services.session_trash)
        text = ngettext("%(n)d log moved to the trash.", "%(n)d logs moved to the trash.", n)
        messages.success(request, text % {"n": n})

    @admin.action(description=_("Restore the selected logs from the trash"), permissions=["trash"])
    def restore_from_trash(self, request, queryset):
        n = self._each(request, queryset.trashed(), session_services.session_restore)
        text = ngettext(
            "%(n)d log restored from the trash.", "%(n)d logs restored from the trash.", n
        )
        messages.success(request, text % {"n": n})

    @staticmethod
    def _each(request, queryset, service) -> int:
        sessions = list(queryset)
        for session in sessions:
            service(session=session, actor=request.user)
        return len(sessions)


@admin.register(ActionItem)
class ActionItemAdmin(SafeInputAdmin, ReadOnlyAdmin):
    list_display = ["text", "session", "owner", "owner_person", "due_date", "done_at"]
    list_filter = ["owner", ("done_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "session__mentorship__organisation__name"]
    list_select_related = ["session__mentorship__organisation", "owner_person"]
    raw_id_fields = ["session", "owner_person", "done_by"]


@admin.register(CheckIn)
class CheckInAdmin(SafeInputAdmin, ReadOnlyAdmin):
    list_display = ["mentorship", "stage", "side", "usefulness", "progress", "answered_at"]
    list_filter = ["stage", "side"]
    search_fields = ["mentorship__organisation__name"]
    list_select_related = ["mentorship__organisation"]
    raw_id_fields = ["mentorship", "respondent"]


# --- Community meetings ----------------------------------------------------------------------


class MeetingResponseInline(SafeInputAdmin, admin.TabularInline):
    model = MeetingResponse
    extra = 0
    raw_id_fields = ["user"]


class MeetingAttendanceInline(SafeInputAdmin, admin.TabularInline):
    model = MeetingAttendance
    extra = 0
    raw_id_fields = ["user", "recorded_by"]


@admin.register(Meeting)
class MeetingAdmin(SafeInputAdmin, admin.ModelAdmin):
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
        with transaction.atomic():
            if change:  # calendars must see a correction as a newer version of the event
                obj.sequence += 1
                obj.version += 1
            super().save_model(request, obj, form, change)
            audit(
                "meeting.admin_edit",
                actor=request.user,
                target=obj,
                summary=", ".join(form.changed_data)[:300],
            )


@admin.register(MeetingReminder)
class MeetingReminderAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["meeting", "user", "hours_before", "sent_at"]
    list_select_related = ["meeting", "user"]
    raw_id_fields = ["meeting", "user"]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(SafeInputAdmin, admin.ModelAdmin):
    """Leads may revoke a feed (delete); the token itself is never shown or stored."""

    list_display = ["user", "hint", "created_at", "last_used_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "hint", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False
