"""Users with their role assignments, and roles with their permission codes (never passwords)."""

from rest_framework import serializers

from ..models import Role, RoleAssignment, User


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "role", "scope_kind", "scope_id", "scope_label", "starts_on", "ends_on"]
        read_only_fields = fields


class UserSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    assignments = RoleAssignmentSerializer(source="visible_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "last_name",
            "first_name",
            "patronymic",
            "full_name",
            "position",
            "email",
            "phone",
            "is_active",
            "last_login",
            "date_joined",
            "assignments",
            "version",
        ]
        read_only_fields = fields


class RoleSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    scope_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    permissions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Role
        fields = ["id", "code", "name", "description", "scope_kinds", "permissions", "version"]
        read_only_fields = fields
