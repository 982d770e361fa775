"""Tests that need a program of the machine (chromium, soffice) are skipped with one loud line where it is missing,
and fail the run where RESURS_REQUIRE_TOOLS=1 (CI). Each case runs pytest on a small sample in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "samples" / "sample_tools.py"
ROOT = Path(__file__).resolve().parents[3]
CHROMIUM_LINE = (
    "SKIPPED 2 browser tests: Debian's chromium is not installed at /nonexistent/chromium (apt-get install chromium)"
)
SOFFICE_LINE = (
    "SKIPPED 1 office test: LibreOffice (soffice) is not installed at /nonexistent/soffice "
    "(apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"
)


def run(*args, chromium="/nonexistent/chromium", soffice="/nonexistent/soffice", require=None):
    env = {**os.environ, "RESURS_CHROMIUM": chromium, "RESURS_SOFFICE": soffice}
    env.pop("RESURS_REQUIRE_TOOLS", None)
    if require:
        env["RESURS_REQUIRE_TOOLS"] = require
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(SAMPLE), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout


@pytest.mark.parametrize("workers", ["0", "2"])
def test_missing_tools_skip_with_one_loud_line_each(workers):
    code, out = run("-n", workers)
    assert code == 0, out
    assert "1 passed, 3 skipped" in out
    assert out.count(CHROMIUM_LINE) == 1
    assert out.count(SOFFICE_LINE) == 1


@pytest.mark.parametrize("workers", ["0", "2"])
def test_missing_tools_fail_the_run_when_required(workers):
    code, out = run("-n", workers, require="1")
    assert code == 1, out
    assert "1 passed, 3 errors" in out
    assert out.count("FAILED 2 browser tests: Debian's chromium is not installed at /nonexistent/chromium") == 1
    assert out.count("FAILED 1 office test: LibreOffice (soffice) is not installed at /nonexistent/soffice") == 1
    assert "SKIPPED" not in out


def test_present_tools_run_the_tests_and_print_nothing():
    # /bin/true stands in for the programs: the sample tests do not start them.
    code, out = run("-n", "0", chromium="/bin/true", soffice="/bin/true", require="1")
    assert code == 0, out
    assert "4 passed" in out
    assert "not installed" not in out
