"""Project-wide pytest fixtures: a small territory and users holding each kind of role; tests that need an
external program (Debian's chromium, LibreOffice) are skipped where it is not installed, loudly."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

# Tests that drive a program of the machine, by marker: where the program is, and how to install it. The location
# can be overridden (RESURS_CHROMIUM, RESURS_SOFFICE), which the test of this skipping uses.
CHROMIUM = os.environ.get("RESURS_CHROMIUM", "/usr/bin/chromium")
SOFFICE = os.environ.get("RESURS_SOFFICE", "/usr/bin/soffice")
TOOLS = {
    "browser": (CHROMIUM, "Debian's chromium", "apt-get install chromium"),
    "office": (SOFFICE, "LibreOffice (soffice)", "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"),
}
# With RESURS_REQUIRE_TOOLS=1 (.ci/run) a missing program fails its tests instead of skipping them.
REQUIRE_TOOLS = os.environ.get("RESURS_REQUIRE_TOOLS") == "1"
_MISSING = "missing tool: "  # the start of the skip/failure reason, counted in the terminal summary


def _missing_tool(marker):
    path, name, install = TOOLS[marker]
    if os.access(path, os.X_OK):
        return None
    return f"{_MISSING}{marker}: {name} is not installed at {path} ({install})"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture starts (a browser would fail to launch with a traceback), skip or fail the test."""
    for marker in TOOLS:
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing_tool(marker)
        if reason is None:
            continue
        if REQUIRE_TOOLS:
            pytest.fail(reason + "; RESURS_REQUIRE_TOOLS=1 requires it", pytrace=False)
        pytest.skip(reason)


def pytest_terminal_summary(terminalreporter):
    """One loud line per missing program. Runs where the reports arrive: the xdist controller, or the only
    process."""
    counts = {}
    for outcome in ("skipped", "error", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            text = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr or "")
            if _MISSING not in text:
                continue
            marker = text.split(_MISSING, 1)[1].split(":", 1)[0]
            key = (marker, "skipped" if outcome == "skipped" else "failed")
            counts[key] = counts.get(key, 0) + 1
    for (marker, outcome), count in sorted(counts.items()):
        path, name, install = TOOLS[marker]
        tests = "test" if count == 1 else "tests"
        if outcome == "skipped":
            line = f"SKIPPED {count} {marker} {tests}: {name} is not installed at {path} ({install})"
        else:
            line = f"FAILED {count} {marker} {tests}: {name} is not installed at {path} ({install}); RESURS_REQUIRE_TOOLS=1"
        terminalreporter.write_line(line, red=outcome == "failed", yellow=outcome == "skipped", bold=True)


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


@pytest.fixture(autouse=True)
def _shipped_rows_after_a_flush(request):
    """A transactional test starts from what an earlier one's flush left: an empty database, without the reference
    lists and center kinds the data migrations ship. Put them back before the test's own fixtures run (idempotent;
    a test that restores its data by serialized_rollback needs nothing)."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback"):
        return
    request.getfixturevalue("transactional_db")
    from resurs.catalogs.defaults import install_defaults as install_catalogs
    from resurs.centers.defaults import install as install_center_kinds

    install_catalogs()
    install_center_kinds()


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
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


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
