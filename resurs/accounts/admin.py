"""Admin of users, roles and role assignments; assignments are granted on the accounts pages, where the rule
that nobody grants more than they hold is enforced, so here they are shown and revoked only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Role, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    fields = ("role", "scope_kind", "scope_label", "starts_on", "ends_on", "granted_by")
    readonly_fields = fields
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("role", "granted_by")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "last_name", "first_name", "patronymic", "email", "is_active", "is_staff")
    search_fields = ("username", "last_name", "first_name", "patronymic", "email")
    list_filter = ("is_active", "is_staff", "is_superuser", "assignments__role")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("last_name", "first_name", "patronymic", "position", "email", "phone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [RoleAssignmentInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "scope_kinds")
    search_fields = ("name", "code")
    readonly_fields = ("shipped_codes", "version", "updated_by")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "scope_kind", "scope_label", "starts_on", "ends_on", "granted_by", "created_at")
    list_select_related = ("user", "role", "granted_by")
    list_filter = ("role", "scope_kind")
    search_fields = ("user__username", "user__last_name", "scope_label")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
