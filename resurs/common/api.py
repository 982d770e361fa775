"""API building blocks every app's `api/` package uses: the same scoping, FilterSets and audited saves as the pages.

An object outside what the user may view is a 404; an action the user holds nowhere, or holds but not on
this object, is a 403. Writes go through `hooks.save_object` / `hooks.delete_object` (the audit app), so
scope, `full_clean`, optimistic locking (`version`) and the change log apply exactly as in the forms.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.utils import model_meta

from . import access, hooks
from .access import ACTION_CODES
from .filtersets import ScopedFilterSet
from .permissions import code_for
from .scoping import has_code, restrict

# Token first: an anonymous request gets 401 with `WWW-Authenticate: Token`, not a bare 403.
API_AUTHENTICATION = [TokenAuthentication, SessionAuthentication]


class ScopedPermission(BasePermission):
    """Authenticated, and holding the action's code somewhere (the queryset then decides which objects)."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        return has_code(request.user, view.code())


class ScopedFilterBackend(DjangoFilterBackend):
    """The page's FilterSet, told who is asking so its choices are scoped too (an out-of-scope choice is a 400).

    A viewset's `filterset_fields` get a ScopedFilterSet too, hence the same bounds on values (a bad one is a 400).
    """

    filterset_base = ScopedFilterSet

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["user"] = request.user
        return kwargs


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id limited to what the user reaches: with `scope_code`, or else with the view's current code.

    Mirrors the forms, whose choice lists are `restrict()`ed the same way: an id outside is "does not exist".
    """

    def __init__(self, *, scope_code=None, **kwargs):
        self.scope_code = scope_code
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        view = self.context.get("view")
        if request is None or view is None:
            return queryset.none()
        allowed = restrict(queryset, request.user, self.scope_code or view.code())
        current = self._current_ids()
        if current:
            # Keeping the value a record already has is no new reach: an organization administrator may save
            # their organization although its municipality is not among the municipalities they may choose.
            allowed = allowed | queryset.filter(pk__in=current)
        return allowed

    def _current_ids(self):
        serializer = self.parent.parent if isinstance(self.parent, serializers.ManyRelatedField) else self.parent
        instance = getattr(serializer, "instance", None)
        if instance is None or not getattr(instance, "pk", None) or not self.source_attrs:
            return []
        name = self.source_attrs[0]
        field = type(instance)._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(instance, name).values_list("pk", flat=True))
        value = getattr(instance, field.attname)
        return [value] if value is not None else []


class ChoicesRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id among the choices the serializer offers for it: `serializer.limit_choices(name, queryset)`.

    An id outside those choices is refused by the field's own "does not exist", word for word the answer for an id
    that does not exist at all, so a response never tells whether a record beyond the user's reach exists (a teacher
    of another municipality, an order of another center).
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if isinstance(self.parent, serializers.ManyRelatedField):
            serializer, name = self.parent.parent, self.parent.field_name
        else:
            serializer, name = self.parent, self.field_name
        return serializer.limit_choices(name, queryset)


class ScopedModelSerializer(serializers.ModelSerializer):
    """Saves through the audited service; `version` is shown and, sent back on update, detects concurrent edits."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_(
            "Version of the record. Send the version you read with an update: if the record has changed since, "
            "the update is refused with 409 and code concurrent_edit."
        ),
    )

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, instance, validated_data):
        version = validated_data.pop("version", None)  # ignored on create
        relations = model_meta.get_field_info(type(instance)).relations
        many = {}
        for name, value in validated_data.items():
            if name in relations and relations[name].to_many:
                many[name] = value
            else:
                setattr(instance, name, value)

        def save_m2m():
            for name, value in many.items():
                getattr(instance, name).set(value)

        try:
            return hooks.save_object(
                actor=self.context["request"].user,
                instance=instance,
                version=version if instance.pk else None,
                code=self.context["view"].code(),
                save_m2m=save_m2m if many else None,
            )
        except DjangoValidationError as exc:
            # Model.clean() and constraints: the same field errors a form shows, in DRF's shape.
            raise serializers.ValidationError(serializers.as_serializer_error(exc))


class ScopedViewSetMixin:
    """Queryset from `restrict()` by the action's code; 404 outside the view scope, 403 when not allowed."""

    model = None
    authentication_classes = API_AUTHENTICATION
    permission_classes = [ScopedPermission]
    filter_backends = [ScopedFilterBackend]
    # An extra @action names the permission action it needs: @action(..., permission_action="change").
    permission_action = None
    # A viewset whose actions need other codes than ACTION_CODES says so: {viewset action: permission action}.
    action_permissions = {}

    def action_code(self):
        if self.permission_action:
            return self.permission_action
        if self.action in self.action_permissions:
            return self.action_permissions[self.action]
        if self.action is None:  # a method the viewset does not route: answered 405 after the code check
            return "view"
        try:
            return ACTION_CODES[self.action]
        except KeyError:
            raise ImproperlyConfigured(f"{type(self).__name__}.{self.action} declares no permission_action")

    def code(self, action=None):
        return code_for(self.model, action or self.action_code())

    def base_queryset(self):
        """Everything a row shows, with its relations loaded in a fixed number of queries."""
        return self.model._default_manager.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return self.base_queryset().none()
        return restrict(self.base_queryset(), self.request.user, self.code("view"))

    def get_object(self):
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        lookup = {self.lookup_field: self.kwargs[lookup_url_kwarg]}
        obj = access.find(self.get_queryset(), **lookup)  # get_queryset() is what the user may see: 404 outside
        if self.action_code() != "view":
            access.check_object(self.request.user, obj, self.code())
        self.check_object_permissions(self.request, obj)
        return obj

    def perform_destroy(self, instance):
        hooks.delete_object(actor=self.request.user, instance=instance, code=self.code())


class ScopedViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """List, retrieve, create, update and delete, each gated by its code and scope."""


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve only."""


class ScopedNoDeleteViewSet(
    ScopedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """List, retrieve, create and update: for records whose removal is not a plain delete (or not done at all)."""
