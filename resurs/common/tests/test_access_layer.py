"""Meta-test: every page and API endpoint is built on the access layer (`resurs/common/access.py`).

A page is a Django view class inheriting `AccessMixin` (the generic scoped views do; `LoginOnlyMixin` for pages of
the user's own records); an API endpoint is a viewset on `ScopedViewSetMixin`. Anything else is a view that could
query models with no code check and no `restrict()`: it fails here unless PUBLIC names it with the reason. An entry
for a route that no longer exists fails too, so the list stays true.

Seen failing: before `CatalogIndex` and `ProfileView` were moved onto the layer, the walk listed `catalogs/`
and `accounts/profile/`; `test_the_check_flags_a_view_off_the_layer` keeps proving the check on bare views.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.views import generic
from rest_framework import viewsets

from resurs.common.access import AccessMixin
from resurs.common.api import ScopedViewSetMixin
from resurs.common.views import ScopedListView

# Views off the access layer, by URL name, each with the reason it needs none (or has its own).
PUBLIC = {
    "login": "the login page itself",
    "logout": "ends the session of whoever asks; nothing to protect",
    "password_reset": "password reset by e-mail, for users who cannot log in",
    "password_reset_done": "password reset by e-mail, for users who cannot log in",
    "password_reset_confirm": "password reset by e-mail, for users who cannot log in",
    "password_reset_complete": "password reset by e-mail, for users who cannot log in",
    "accounts:password-change": "Django's own view: the logged-in user's own password",
    "accounts:password-change-done": "Django's own view: the logged-in user's own password",
    "set_language": "stores the interface language in a cookie",
    "portal:center-list": "the public catalog of centers (000 § 3.8), active centers only",
    "portal:center-detail": "the public page of an active center",
    "portal:center-feed": "the iCalendar feed of an active center's public events",
    "portal:event-list": "the public calendar (SPEC §6): published events of active centers only",
    "portal:event-detail": "a published event's page and its public registration form (e-mail confirmed)",
    "portal:event-requested": "the 'check your mail' page of a published event",
    "portal:event-confirm": "the signed, time-limited confirmation link is the authority",
    "portal:teacher-feed": "a teacher's feed behind a signed, unguessable token",
    "api:token": "exchanges a user name and password for the user's own token",
    "api:api-root": "the list of endpoint addresses, no data",
    "api:schema": "the OpenAPI description, no data",
    "api:docs": "the OpenAPI description, no data",
    "api:job-list": "the requester's own jobs only (filtered by user); another's is a 404",
    "api:job-detail": "the requester's own jobs only (filtered by user); another's is a 404",
    "api:job-download": "the requester's own jobs only (filtered by user); another's is a 404",
    "api:export": "require_code(:export), then the rows of access-scoped export_scope() (common/exports.py)",
    "api:import": "the importer checks the import code and scopes every row (common/importers.py)",
}
# Each app's public views in a block of its own.
PUBLIC.update(
    {
        # events: attendance, certificates, feedback
        "portal:certificate-search": "the verification form of a certificate: a number in, nothing listed",
        "portal:certificate-verify": "a certificate's verification by its unguessable number: valid/revoked/unknown",
    }
)

PUBLIC.update(
    {
        # consultations
        "portal:consultation-request": "the entry of the consultation request form: active centers and their "
        "directions; asking itself needs a login",
    }
)

PUBLIC.update(
    {
        # products: the public bank of best practices
        "portal:product-public-list": "the public bank of best practices (001 § 2.2): published products only",
        "portal:product-public-detail": "a published product's page; any other product is a 404",
        "portal:product-public-file": "a file of a published product only (counted, served as an attachment)",
    }
)

PUBLIC.update(
    {
        # development
    }
)

PUBLIC.update(
    {
        # monitoring
    }
)
SKIPPED_PREFIXES = ("django-admin/",)  # Django admin: staff only, guarded by its own permission system


def routes(patterns, prefix="", namespace=None):
    """(route, qualified name, callback) of every URL pattern, walking the includes."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name, p.callback


def on_access_layer(callback):
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:  # a function view
        return False
    return issubclass(view_class, (AccessMixin, ScopedViewSetMixin))


def off_the_layer(patterns):
    return [
        f"{route} (name={name})"
        for route, name, callback in routes(patterns)
        if not route.startswith(SKIPPED_PREFIXES) and name not in PUBLIC and not on_access_layer(callback)
    ]


def test_every_view_is_built_on_the_access_layer():
    missing = off_the_layer(get_resolver().url_patterns)
    assert not missing, "views off the access layer (build them on AccessMixin / ScopedViewSetMixin):\n" + "\n".join(
        missing
    )


def test_public_views_are_not_stale():
    names = {name for _route, name, _callback in routes(get_resolver().url_patterns)}
    assert sorted(set(PUBLIC) - names) == []


class BareView(generic.TemplateView):
    template_name = "common/home.html"


class LoginOnlyView(LoginRequiredMixin, generic.TemplateView):
    """Logged in is not enough: it says no code and reads through no restrict()."""


def bare_function(request):
    return HttpResponse("")


class BareViewSet(viewsets.ViewSet):
    def list(self, request):
        return HttpResponse("")


class Listed(ScopedListView):
    pass


class ScopedApi(ScopedViewSetMixin, viewsets.GenericViewSet):
    def list(self, request):
        return HttpResponse("")


def test_the_check_flags_a_view_off_the_layer():
    patterns = [
        path("bare/", BareView.as_view(), name="bare"),
        path("login-only/", LoginOnlyView.as_view(), name="login-only"),
        path("function/", bare_function, name="function"),
        path("viewset/", BareViewSet.as_view({"get": "list"}), name="viewset"),
        path("listed/", Listed.as_view(), name="listed"),
        path("scoped-api/", ScopedApi.as_view({"get": "list"}), name="scoped-api"),
        path("accounts/login/", BareView.as_view(), name="login"),  # in PUBLIC: let through
    ]
    assert off_the_layer(patterns) == [
        "bare/ (name=bare)",
        "login-only/ (name=login-only)",
        "function/ (name=function)",
        "viewset/ (name=viewset)",
    ]
