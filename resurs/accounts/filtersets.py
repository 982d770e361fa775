"""One FilterSet for the user list (and later the API): name or login, role, scope kind, active."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.common.filtersets import ScopedFilterSet

from .models import Role, RoleAssignment, User
from .selectors import scope_kind_choices
from .services import in_force


class UserFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Name or login"), method="search")
    role = django_filters.ModelChoiceFilter(label=_("Role"), queryset=Role.objects.all(), method="holding")
    scope_kind = django_filters.ChoiceFilter(label=_("Scope kind"), choices=(), method="holding")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "role", "scope_kind", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["scope_kind"].extra["choices"] = scope_kind_choices()

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:4]:
            condition &= (
                Q(username__icontains=word)
                | Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(patronymic__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset.filter(condition)

    def holding(self, queryset, name, value):
        """Users holding, today, the role / a role on a scope of the kind (a subquery: no repeated rows)."""
        assignments = in_force(RoleAssignment.objects.all()).filter(**{name: value})
        return queryset.filter(pk__in=assignments.values("user_id"))


class RoleFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Role
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value) | Q(description__icontains=value))
