"""Meta-test: every page behind the login is in a permission matrix, so a new page cannot ship without one.

Matrices are the `MATRIX` lists of `resurs/<app>/tests/test_permission_matrix*.py` (see `matrix.py`). A page that
is public or guarded by something else is listed in EXEMPT with the reason; an exemption for a page that no longer
exists fails too, so the list stays true.
"""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from resurs.common.middleware import PUBLIC_PREFIXES
from resurs.common.tests.matrix import LOGIN

ROOT = Path(__file__).resolve().parents[3]

# Pages behind the login that need no matrix (the public ones are those under the middleware's PUBLIC_PREFIXES).
EXEMPT = {
    "logout": "ends the session of whoever asks; nothing to protect",
}
# Pages of other apps whose permission matrix is still owed by the task that builds them. Each entry is one page by
# name, so a page added later is not let through; an entry whose page has got its matrix (or is gone) fails below.
PENDING = {}
EXEMPT_ROUTE_PREFIXES = {"django-admin/": "Django admin: staff only, guarded by its own permission system"}


def url_patterns(patterns=None, prefix="", namespace=None):
    """(route, qualified name) of every URL pattern of the project, walking the includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name


def matrices():
    """{module name: MATRIX} of every permission-matrix module of every app."""
    found = {}
    for path in sorted(ROOT.glob("resurs/**/tests/test_permission_matrix*.py")):
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(module_name)
        found[module_name] = module.MATRIX
    return found


def covered_cases():
    cases = {}
    for matrix in matrices().values():
        for case in matrix:
            cases.setdefault(case.url_name, []).append(case)
    return cases


def behind_login(route):
    return not ("/" + route).startswith(PUBLIC_PREFIXES)


def _exempt(route, name):
    if not behind_login(route) or route.startswith(tuple(EXEMPT_ROUTE_PREFIXES)):
        return True
    return name in EXEMPT or name in PENDING


def test_public_prefixes_are_deliberate():
    """Everything outside the login is listed here: making a new part of the site public is a reviewed change."""
    assert PUBLIC_PREFIXES == (
        "/accounts/login/",
        "/accounts/password-reset/",
        "/accounts/reset/",
        "/i18n/",
        "/static/",
        "/api/",  # the REST API authenticates itself (401/403): its permission tests are the API's own
        "/public/",
    )


def test_matrices_are_found():
    found = matrices()
    assert {"resurs.territory.tests.test_permission_matrix", "resurs.people.tests.test_permission_matrix"} <= set(found)
    assert all(found.values())


def test_every_page_behind_the_login_is_in_a_permission_matrix():
    covered = covered_cases()
    missing = [
        f"{route} (name={name})" for route, name in url_patterns() if not _exempt(route, name) and name not in covered
    ]
    assert not missing, "pages without a permission matrix (add them to a MATRIX or to EXEMPT with a reason):\n" + (
        "\n".join(missing)
    )


def test_every_matrix_page_is_tried_anonymously_and_without_a_role():
    """The two refusals every page must give: anonymous → login, logged in without a role → 403 or 404."""
    for name, cases in covered_cases().items():
        anonymous = [c for c in cases if c.actor == "anonymous"]
        assert anonymous and all(c.expected == LOGIN for c in anonymous), name
        assert any(c.actor == "no_role" for c in cases), name


def test_every_matrix_page_exists():
    names = {name for _route, name in url_patterns()}
    assert set(covered_cases()) <= names


def test_exemptions_are_not_stale():
    routes = list(url_patterns())
    names = {name for _route, name in routes}
    assert set(EXEMPT) <= names
    covered = set(covered_cases())
    stale = sorted(name for name in PENDING if name not in names or name in covered)
    assert not stale, f"remove from PENDING (now in a matrix, or gone): {stale}"
    for prefix in EXEMPT_ROUTE_PREFIXES:
        assert any(route.startswith(prefix) for route, _name in routes), prefix
