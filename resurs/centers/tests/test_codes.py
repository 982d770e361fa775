"""Centers error codes not covered elsewhere: a review without a recommendation, regenerating a signed order."""

import pytest

from resurs.centers import services
from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state

from .api_world import pdf
from .pages_world import build
from .test_services import scores, setup, submitted  # noqa: F401  (setup: the application world, a fixture)

pytestmark = pytest.mark.django_db


def test_signed_order_is_not_regenerated(world):
    w = build(world)
    services.attach_order_scan(actor=w.department, order=w.order, upload=pdf())
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.regenerate_order(actor=w.department, order=w.order)
    assert exc.value.code == "signed"
    assert db_state() == before


def test_review_needs_a_recommendation(setup):  # noqa: F811  (the imported fixture)
    w = setup
    application = submitted(w)
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.save_review(actor=w.expert, application=application, scores=scores(), comment="", recommendation="")
    assert (exc.value.code, exc.value.field) == ("recommendation_missing", "recommendation")
    assert db_state() == before
