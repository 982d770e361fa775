"""Scoping in one place: a user's role assignments become a queryset filter (fails closed).

Every scoped model declares `scope_paths`: for each scope kind (region, municipality,
organization, center, self) the lookup from the model to that scope's id (and, where those read
denormalised columns, `scope_instance_paths` for checking an unsaved instance). A role held on a
scope reaches the objects whose path leads to that scope; a kind the model has no path for
reaches nothing. Models with `scope_paths = None` are global reference data: any holder of the
code reaches all of them.
"""

from django.db.models import Q

SCOPE_KINDS = ("region", "municipality", "organization", "center", "self")

# kind -> resolver(scope_id) -> ScopeInfo; registered by the apps that own the scope models.
_resolvers = {}


class ScopeInfo:
    """Where a scope sits in the territory tree, for denormalising role assignments."""

    def __init__(self, *, kind, id, label, region_id=None, municipality_id=None, organization_id=None):
        self.kind = kind
        self.id = id
        self.label = label
        self.region_id = region_id
        self.municipality_id = municipality_id
        self.organization_id = organization_id


def register_scope_kind(kind, resolver, choices=None):
    """resolver(scope_id) returns a ScopeInfo or None; choices() returns the queryset of scopes for forms."""
    _resolvers[kind] = (resolver, choices)


def scope_candidates(kind):
    """The queryset a scope of `kind` is chosen from (callers restrict it per user), or None if it has none."""
    entry = _resolvers.get(kind)
    if entry is None or entry[1] is None:
        return None
    return entry[1]()


def resolve_scope(kind, scope_id):
    if kind not in _resolvers:
        return None
    return _resolvers[kind][0](scope_id)


def registered_kinds():
    return [k for k in SCOPE_KINDS if k in _resolvers]


class Grant:
    """One role held on one scope: the codes it carries and where."""

    def __init__(self, *, codes, kind, scope_id, region_id=None, municipality_id=None, delegates=()):
        self.codes = frozenset(codes)
        self.delegates = frozenset(delegates)  # roles this grant may hand out without holding their codes
        self.kind = kind
        self.scope_id = scope_id
        self.region_id = region_id
        self.municipality_id = municipality_id

    def covers(self, info):
        """Does this grant's scope contain the scope `info` (a ScopeInfo)?"""
        if self.kind == info.kind and self.scope_id == info.id:
            return True
        if self.kind == "region":
            return info.region_id == self.scope_id
        if self.kind == "municipality":
            return info.municipality_id == self.scope_id
        if self.kind == "organization":
            return info.organization_id == self.scope_id
        return False


def grants(user):
    """The user's grants, cached on the user object for the request."""
    if not user or not user.is_authenticated:
        return []
    cached = getattr(user, "_resurs_grants", None)
    if cached is None:
        cached = list(user.get_grants())
        user._resurs_grants = cached
    return cached


def is_unrestricted(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def has_code(user, code):
    """Does the user hold the code anywhere (decides 403 before scoping decides 404)?"""
    if is_unrestricted(user):
        return True
    return any(code in g.codes for g in grants(user))


def scope_filter(user, model, code):
    """A Q object selecting what `user` reaches in `model` with `code`; None means everything."""
    if is_unrestricted(user):
        return None
    paths = getattr(model, "scope_paths", {})
    held = [g for g in grants(user) if code in g.codes]
    if paths is None:
        return None if held else Q(pk__in=[])
    query = Q(pk__in=[])
    for grant in held:
        lookups = paths.get(grant.kind)
        if lookups is None:
            continue
        scope_value = grant.scope_id if grant.kind != "self" else user.pk
        for lookup in lookups if isinstance(lookups, (list, tuple)) else [lookups]:
            query |= Q(**{lookup: scope_value})
    return query


def restrict(queryset, user, code):
    """The queryset restricted to what the user reaches with the permission code."""
    condition = scope_filter(user, queryset.model, code)
    if condition is None:
        return queryset
    if getattr(queryset.model, "scope_multi_valued", False):
        # A path through a to-many relation would repeat rows: filter by a subquery instead.
        return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def covers_scope(user, code, info):
    """Does the user hold `code` on a scope that contains `info`?"""
    if is_unrestricted(user):
        return True
    return any(code in g.codes and g.covers(info) for g in grants(user))


def delegates_on_scope(user, info):
    """Role codes the user may hand out on scopes containing `info` (the role's delegation list)."""
    roles = set()
    for g in grants(user):
        if g.covers(info):
            roles |= g.delegates
    return roles


def codes_on_scope(user, info):
    """All codes the user holds on scopes containing `info` (to stop privilege escalation)."""
    codes = set()
    for g in grants(user):
        if g.covers(info):
            codes |= g.codes
    return codes


def _walk(obj, lookup):
    value = obj
    for part in lookup.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
        if hasattr(value, "all") and callable(value.all):  # a to-many relation
            return None
    return value


def instance_in_scope(user, instance, code):
    """Would `instance` (saved or not) be reached by the user with `code`? Re-checked inside writes.

    A model whose `scope_paths` read columns denormalised from a relation (filled in on save) declares
    `scope_instance_paths` through the relation itself, so that an unsaved change of the relation is what is checked.
    """
    if is_unrestricted(user):
        return True
    paths = getattr(type(instance), "scope_instance_paths", None) or getattr(type(instance), "scope_paths", {})
    held = [g for g in grants(user) if code in g.codes]
    if paths is None:
        return bool(held)
    if getattr(type(instance), "scope_multi_valued", False) and instance.pk is not None:
        # A path through a to-many relation cannot be walked on the instance: ask the database.
        return restrict(type(instance)._default_manager.filter(pk=instance.pk), user, code).exists()
    for grant in held:
        lookups = paths.get(grant.kind)
        if lookups is None:
            continue
        expected = grant.scope_id if grant.kind != "self" else user.pk
        for lookup in lookups if isinstance(lookups, (list, tuple)) else [lookups]:
            if _walk(instance, lookup) == expected:
                return True
    return False
