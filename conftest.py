"""Project-wide pytest fixtures: a small territory and users holding each kind of role."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The suite runs with DEBUG off (production settings): plain http for the test client and the live
    # server, and a fast hasher (the real one costs ~0.3 s per user created).
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Assertions name the English msgids (stable while the Russian wording is edited); the Russian interface is
    # tested where it is the point — the `russian` fixture (browser tests, the language tests) and the catalogue
    # check in CI (scripts/check_translations.py: nothing untranslated or fuzzy).
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def russian(settings):
    """The interface as shipped: Russian by default."""
    settings.LANGUAGE_CODE = "ru"


@pytest.fixture
def world(db):
    """Two municipalities in one region plus one in another region, an organization in each, and users."""
    from resurs.accounts.testing import make_user
    from resurs.people.tests.factories import TeacherFactory
    from resurs.territory.tests.factories import MunicipalityFactory, OrganizationFactory, RegionFactory

    class World:
        pass

    w = World()
    w.region = RegionFactory()
    w.other_region = RegionFactory()
    w.mun = MunicipalityFactory(region=w.region)
    w.other_mun = MunicipalityFactory(region=w.region)
    w.far_mun = MunicipalityFactory(region=w.other_region)
    w.org = OrganizationFactory(municipality=w.mun)
    w.org2 = OrganizationFactory(municipality=w.mun)
    w.other_org = OrganizationFactory(municipality=w.other_mun)
    w.teacher = TeacherFactory(organization=w.org)
    w.other_teacher = TeacherFactory(organization=w.other_org)
    w.anonymous = None
    w.no_role = make_user("norole")
    w.regional = make_user("regional", "regional", "region", w.region)
    w.department = make_user("department", "department", "municipality", w.mun)
    w.other_department = make_user("other_department", "department", "municipality", w.other_mun)
    w.org_admin = make_user("org_admin", "org_admin", "organization", w.org)
    w.other_org_admin = make_user("other_org_admin", "org_admin", "organization", w.other_org)
    w.teacher_user = make_user("teacher", "teacher", "self")
    w.teacher.user = w.teacher_user
    w.teacher.save()
    return w


# Browser tests (pytest -m browser): Playwright drives Debian's Chromium, never a downloaded browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Russian browser: the interface language follows Accept-Language, Russian being the default.
    return {**browser_context_args, "locale": "ru-RU", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_the_live_server():
    """The live server (session-wide) loads its middleware once: no redirect to https from the start."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def browser_settings(settings, live_server):
    """The production settings made usable over the live server's plain http."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    return settings


def pytest_collection_modifyitems(config, items):
    """Browser tests last: they are transactional, and the flush after each one empties what the data migrations
    shipped (reference lists, center kinds), which the other tests rely on. Sent last, they run last on every
    xdist worker too."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
