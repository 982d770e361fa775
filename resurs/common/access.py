"""The one access layer of every page and API endpoint: who may reach a view, which objects, which action on them.

Three steps, always in this order, so a refusal never tells whether an object exists:
1. the code the view needs, held nowhere → 403 (`require_code`, `AccessMixin` for pages, `ScopedPermission` in the API);
2. the object from what the user may *view* (`restrict()`), outside it → 404 (`get_object`);
3. the action's code on that very object, not held → 403 (`check_object`).

Django's `Http404` and `PermissionDenied` are what both the pages and DRF answer with 404 and 403, so the same
functions serve both. The mapping of API actions to permission actions is `ACTION_CODES`, here and nowhere else.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .scoping import has_code, instance_in_scope, restrict

# DRF viewset action -> permission action of the code (`app.model:<action>`); an extra @action names its own.
ACTION_CODES = {
    "list": "view",
    "retrieve": "view",
    "metadata": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


def require_code(user, *codes):
    """403 unless the user holds one of `codes` somewhere (decided before any object is looked up)."""
    if not any(has_code(user, code) for code in codes):
        raise PermissionDenied


def check_object(user, obj, code):
    """403 unless the user holds `code` on this object (saved, or an unsaved probe such as `Model(center=center)`)."""
    if not instance_in_scope(user, obj, code):
        raise PermissionDenied


def find(queryset, **lookup):
    """The one object of an already restricted queryset; 404 when it is not there or the id is malformed."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, TypeError, ValueError, ValidationError):
        raise Http404 from None


def get_object(queryset, user, view_code, action_code=None, **lookup):
    """The object from what the user may see with `view_code` (404 outside, or for a malformed id), then
    `action_code`, when it is another, checked on the object (403)."""
    obj = find(restrict(queryset, user, view_code), **lookup)
    if action_code and action_code != view_code:
        check_object(user, obj, action_code)
    return obj


class AccessMixin(LoginRequiredMixin):
    """The base of every page behind the login: anonymous → the login page; `required_codes()` held nowhere → 403.

    A view reads objects only through `get_object()` above or `restrict()` (or a selector that restricts, such as the
    expert council's `visible_applications`), and says in `required_codes()` what it needs.
    """

    def required_codes(self):
        raise NotImplementedError(f"{type(self).__name__} must say which codes it needs")

    def load(self):
        """Fetch what the view works on, with `get_object()`: after the code check, so a 403 reveals nothing."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_code(request.user, *self.required_codes())
        self.load()
        return super().dispatch(request, *args, **kwargs)


class LoginOnlyMixin(AccessMixin):
    """A page any logged-in user may open because it shows only their own records (their jobs, notifications)."""

    def required_codes(self):
        return ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super(AccessMixin, self).dispatch(request, *args, **kwargs)
