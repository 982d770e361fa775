"""Meta-test: every app lists the codes it raises in its `errors.py`, raises each code it lists, and each listed
code is used by at least one test (issue 7)."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the resurs package


def error_modules():
    """(app, module) of every app with an `errors.py` declaring CODES, the framework layer's included."""
    found = []
    for path in sorted(ROOT.glob("*/errors.py")):
        module = importlib.import_module(f"resurs.{path.parent.name}.errors")
        if hasattr(module, "CODES"):
            found.append((path.parent.name, module))
    return found


def source_files(app):
    """The app's code that refuses things: everything but its tests, migrations, forms and API serializers (a form's
    or a serializer's own field validation is presentation, not a service error)."""
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT / app).parts
        if parts[0] in ("tests", "migrations", "api") or path.name.startswith("forms") or path.name == "errors.py":
            continue
        yield path


def raised_codes(text):
    """Codes in `raise XError(..., code="x")` (balanced parentheses), constraints' violation_error_code, and the
    class-level `code = "x"` of an error class."""
    codes = set()
    for match in re.finditer(r"raise\s+[A-Za-z_.]*Error\(", text):
        depth, i = 1, match.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        codes |= set(re.findall(r'\bcode="([a-z_]+)"', text[match.start() : i]))
    codes |= set(re.findall(r'violation_error_code="([a-z_]+)"', text))
    codes |= set(re.findall(r'class \w+Error\(\w+\):\n(?:\s+""".*?"""\n)?\n?\s+code = "([a-z_]+)"', text, re.S))
    # An error built by a helper and raised elsewhere: `return ServiceError(..., code="x")`, `x = ServiceError(...)`.
    for match in re.finditer(r"(?:return|=)\s+[A-Za-z_.]*Error\(", text):
        depth, i = 1, match.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        codes |= set(re.findall(r'\bcode="([a-z_]+)"', text[match.start() : i]))
    return codes


def app_raised(app):
    codes = set()
    for path in source_files(app):
        codes |= raised_codes(path.read_text())
    if app == "common":
        codes |= raised_codes((ROOT / "common" / "errors.py").read_text())
    return codes


def test_every_app_with_coded_refusals_has_its_errors_module():
    apps = {app for app, _module in error_modules()}
    assert {"common", "audit", "accounts", "documents", "territory", "people", "centers", "plans"} <= apps


@pytest.mark.parametrize("app, module", error_modules(), ids=lambda value: value if isinstance(value, str) else "")
def test_the_codes_an_app_raises_are_the_codes_it_lists(app, module):
    raised, declared = app_raised(app), set(module.CODES)
    framework = set(importlib.import_module("resurs.common.errors").CODES)
    assert sorted(raised - declared - (framework if app != "common" else set())) == [], "raised but not listed"
    assert sorted(declared - raised) == [], "listed but raised nowhere"


@pytest.mark.parametrize("app, module", error_modules(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_listed_code_is_used_by_a_test(app, module):
    tests = "\n".join(path.read_text() for path in ROOT.rglob("tests/*.py") if path.name != Path(__file__).name)
    untested = sorted(code for code in module.CODES if f'"{code}"' not in tests)
    assert untested == []


@pytest.mark.parametrize("app, module", error_modules(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_code_has_a_translatable_meaning(app, module):
    for code, meaning in module.CODES.items():
        assert re.fullmatch(r"[a-z_]+", code)
        assert type(meaning).__name__ == "__proxy__", code  # gettext_lazy: translated when shown


def test_the_scanner_finds_what_it_must():
    text = """
raise ServiceError(
    _("Give the %(x)s.") % {"x": f(1)},
    code="one",
)
x = models.UniqueConstraint(fields=["a"], name="n", violation_error_code="two")
dup = ServiceError(_("Taken."), code="three")
Role.objects.get(code="not_an_error")
"""
    assert raised_codes(text) == {"one", "two", "three"}
