"""Fixtures of the document engine tests: an English client and a sample template registered for the test."""

import pytest

from resurs.documents import engine

from .helpers import CODE, SHIPPED


@pytest.fixture(autouse=True)
def english(client):
    """The assertions read the English texts (the msgids), whatever the Russian catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.docx"
    path.write_bytes(SHIPPED)
    engine.register_template(CODE, path=path, title="Справка (образец)")
    yield CODE
    engine._registry.pop(CODE, None)
