"""Plan error codes not covered elsewhere: an item without a date, an item of another plan, an unknown execution."""

import datetime

import pytest

from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.plans import services
from resurs.plans.tests.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_world(world)


def refused(call):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        call()
    assert db_state() == before
    return exc.value


def test_item_refusals(w):
    values = {"section": w.section, "form": w.form, "topic": "Семинар", "responsible": "Иванова М. П."}
    exc = refused(lambda: services.save_item(actor=w.head, plan=w.plan, version=w.plan.version, date=None, **values))
    assert (exc.code, exc.field) == ("date_missing", "date")
    day = datetime.date(w.plan.period_start.year, 5, 5)
    other = w.submitted_item  # an item of the association's plan
    exc = refused(
        lambda: services.save_item(actor=w.head, plan=w.plan, version=w.plan.version, item=other, date=day, **values)
    )
    assert exc.code == "item_plan"
    exc = refused(lambda: services.delete_item(actor=w.head, plan=w.plan, version=w.plan.version, item=other))
    assert exc.code == "item_plan"
    exc = refused(lambda: services.set_execution(actor=w.head, item=w.agreed_item, execution="postponed"))
    assert exc.code == "unknown_execution"
