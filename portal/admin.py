from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from mentoring.forms.fields import SafeInputAdmin
from mentoring.models import Membership

from .models import Highlight, Invitation, User


class MembershipInline(SafeInputAdmin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SafeInputAdmin, BaseGroupAdmin):
    """Django's group admin, with the bounded many-to-many field (see mentoring.forms.fields)."""


@admin.register(User)
class UserAdmin(SafeInputAdmin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "role", "timezone", "language", "is_active"]
    list_filter = ["role", "is_active", "language"]
    search_fields = ["full_name", "email"]
    inlines = [MembershipInline]
    actions = ["deactivate"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "role", "timezone", "language", "avatar")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "password1", "password2"),
            },
        ),
    )
    # Pictures are changed on the profile, where they are checked, resized and stripped.
    readonly_fields = ["last_login", "date_joined", "avatar"]

    @admin.action(description=_("Deactivate the selected people (they cannot sign in)"))
    def deactivate(self, request, queryset):
        from .services import user_deactivate

        for user in queryset.filter(is_active=True):
            user_deactivate(user=user, actor=request.user)
        messages.success(request, _("Deactivated."))

    def has_delete_permission(self, request, obj=None) -> bool:
        # People are deactivated, never deleted: what they wrote stays.
        return False


@admin.register(Invitation)
class InvitationAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = [
        "email",
        "role",
        "organisation",
        "invited_by",
        "created_at",
        "expires_at",
        "state_label",
    ]
    list_filter = ["role", "organisation"]
    search_fields = ["email", "full_name"]
    readonly_fields = [
        "token_hash",
        "created_at",
        "sent_at",
        "send_count",
        "accepted_at",
        "accepted_user",
    ]
    list_select_related = ["organisation", "invited_by"]

    @admin.display(description=_("state"))
    def state_label(self, obj) -> str:
        return obj.get_state_display()


@admin.register(Highlight)
class HighlightAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["year", "session", "chosen_by", "chosen_at"]
    list_filter = ["year"]
    list_select_related = ["session__mentorship__organisation", "chosen_by"]
    raw_id_fields = ["session"]
    readonly_fields = ["chosen_by", "chosen_at"]
