"""Run only by test_tools.py in a pytest subprocess (the name is not test_*.py): one test per external program."""

import pytest


@pytest.mark.browser
def test_needs_chromium():
    pass


@pytest.mark.browser
def test_needs_chromium_too():
    pass


@pytest.mark.office
def test_needs_soffice():
    pass


def test_needs_nothing():
    pass
