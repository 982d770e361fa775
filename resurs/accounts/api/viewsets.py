"""User and role endpoints: list and retrieve only, restricted like the pages."""

from django.db.models import Prefetch

from resurs.common.api import ScopedReadOnlyViewSet

from ..models import Role, RoleAssignment, User
from . import serializers


class UserViewSet(ScopedReadOnlyViewSet):
    model = User
    serializer_class = serializers.UserSerializer

    def base_queryset(self):
        return User.objects.prefetch_related(
            Prefetch("assignments", queryset=RoleAssignment.objects.select_related("role").order_by("pk"))
        )


class RoleViewSet(ScopedReadOnlyViewSet):
    model = Role
    serializer_class = serializers.RoleSerializer
