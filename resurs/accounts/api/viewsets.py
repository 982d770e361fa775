"""User and role endpoints: list and retrieve only, restricted and filtered like the pages."""

import copy

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from resurs.common.api import ScopedReadOnlyViewSet
from resurs.common.scoping import restrict

from ..filtersets import RoleFilterSet, UserFilterSet
from ..models import Role, RoleAssignment, User
from . import serializers


class UserApiFilterSet(UserFilterSet):
    """The user page's FilterSet; the schema is told what its method filters take (a role id, a scope kind)."""


for _name, _type in (("role", OpenApiTypes.INT), ("scope_kind", OpenApiTypes.STR)):
    UserApiFilterSet.base_filters[_name] = extend_schema_field(_type)(
        copy.deepcopy(UserApiFilterSet.base_filters[_name])
    )


class UserViewSet(ScopedReadOnlyViewSet):
    model = User
    serializer_class = serializers.UserSerializer
    filterset_class = UserApiFilterSet

    def base_queryset(self):
        # As on the user page: the assignments inside the reader's scope, and the user's own-profile ones.
        actor = getattr(self.request, "user", None)
        visible = RoleAssignment.objects.filter(scope_kind="self") | restrict(
            RoleAssignment.objects.all(), actor, "accounts.user:view"
        )
        return User.objects.prefetch_related(
            Prefetch(
                "assignments",
                queryset=visible.select_related("role").order_by("-starts_on", "pk"),
                to_attr="visible_assignments",
            )
        )


class RoleViewSet(ScopedReadOnlyViewSet):
    model = Role
    serializer_class = serializers.RoleSerializer
    filterset_class = RoleFilterSet
