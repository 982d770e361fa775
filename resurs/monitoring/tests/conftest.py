import pytest

from .factories import monitoring_world


@pytest.fixture
def mw(world):
    return monitoring_world(world)
