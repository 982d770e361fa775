"""Reused reads of the accounts pages: permission codes grouped by app, the scopes an actor may choose."""

from django.apps import apps
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from resurs.common.permissions import all_codes
from resurs.common.scoping import registered_kinds, restrict, scope_candidates

from .models import SCOPE_KIND_LABELS, RoleAssignment, User
from .services import in_force


def app_label_of(code):
    app_label = code.split(".", 1)[0]
    try:
        return str(apps.get_app_config(app_label).verbose_name)
    except LookupError:
        return app_label


def grouped_codes(codes=None):
    """[(app name, [(code, label), ...]), ...] for the given codes (all registered codes by default).

    Codes no app registers (any more) are listed last, under their own heading, with no label.
    """
    registry = all_codes()
    wanted = sorted(registry) if codes is None else sorted(set(codes))
    groups, unknown = {}, []
    for code in wanted:
        if code in registry:
            groups.setdefault(app_label_of(code), []).append((code, str(registry[code])))
        else:
            unknown.append((code, ""))
    result = sorted(groups.items())
    if unknown:
        result.append((_("Unknown codes"), unknown))
    return result


def scope_kind_label(kind):
    return SCOPE_KIND_LABELS.get(kind, kind)


def scope_kind_choices():
    """The scope kinds registered today (other apps add theirs through register_scope_kind)."""
    return [(kind, scope_kind_label(kind)) for kind in registered_kinds()]


def _option_label(obj):
    # An organization's short name repeats across municipalities: add the municipality when it is loaded.
    parent = obj._state.fields_cache.get("municipality")
    return f"{obj} ({parent})" if parent is not None else str(obj)


def scope_choices(actor, code):
    """[(kind, label, [('kind:id', label), ...]), ...]: the scopes the actor reaches with `code`, from the registry.

    A kind with nothing in reach is left out; 'self' (the user's own profile) has the one option.
    """
    groups = []
    for kind in registered_kinds():
        label = str(scope_kind_label(kind))
        if kind == "self":
            groups.append((kind, label, [("self:", _("the user's own profile"))]))
            continue
        candidates = scope_candidates(kind)
        if candidates is None:
            continue
        options = [(f"{kind}:{obj.pk}", _option_label(obj)) for obj in restrict(candidates, actor, code)]
        if options:
            groups.append((kind, label, options))
    return groups


def user_list_queryset():
    return User.objects.prefetch_related(
        Prefetch(
            "assignments",
            queryset=in_force(RoleAssignment.objects.select_related("role")).order_by("role__name"),
            to_attr="current_assignments",
        )
    )


def visible_assignments(actor, user):
    """The user's assignments the actor may see: those inside the actor's scope and the user's own-profile ones."""
    own = user.assignments.filter(scope_kind="self")
    scoped = restrict(user.assignments.all(), actor, "accounts.user:view")
    return (own | scoped).select_related("role", "granted_by").order_by("-starts_on", "pk")


def own_assignments(user):
    return user.assignments.select_related("role").order_by("-starts_on", "pk")
