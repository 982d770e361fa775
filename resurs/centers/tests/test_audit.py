"""The centers services store through the one audit helper (issue 7): an order is stored, rendered and logged in one
transaction; appointments and their end leave a field diff; logged data name files, not storage paths."""

import pytest
from django.contrib.contenttypes.models import ContentType

from resurs.audit.models import ActionLog, ChangeLog
from resurs.centers import services
from resurs.centers.models import Order, StaffAssignment
from resurs.common.tests.matrix import db_state

from .api_world import pdf
from .pages_world import build, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build(world)


def test_an_order_whose_document_fails_is_not_stored_nor_logged(w, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(services, "regenerate_order_document", broken)
    before = db_state()
    with pytest.raises(RuntimeError):
        services.issue_order(actor=w.department, issuer=w.mun, kind="creation", date=days(0), center=w.center)
    assert db_state() == before


def test_issued_order_is_in_the_change_and_action_logs(w):
    order = services.issue_order(
        actor=w.department, issuer=w.mun, kind="creation", number="300", date=days(0), center=w.center
    )
    ct = ContentType.objects.get_for_model(Order)
    created = ChangeLog.objects.get(content_type=ct, object_id=str(order.pk))
    assert (created.action, created.actor, created.changes["number"]) == ("create", w.department, [None, "300"])
    issued = ActionLog.objects.get(code="centers.order.issued", object_id=str(order.pk))
    assert issued.data == {"number": "300", "kind": "creation"}
    order.refresh_from_db()
    assert order.document_id is not None and order.updated_by == w.department


def test_appointment_and_its_end_leave_a_field_diff(w):
    staff = services.assign_staff(
        actor=w.department, center=w.center, role="organizer", full_name="Орлов Пётр", starts_on=days(-5)
    )
    services.end_staff(actor=w.head, staff=staff, ends_on=days(3))
    ct = ContentType.objects.get_for_model(StaffAssignment)
    logs = list(ChangeLog.objects.filter(content_type=ct, object_id=str(staff.pk)).order_by("id"))
    assert [(c.action, c.actor) for c in logs] == [("create", w.department), ("update", w.head)]
    assert logs[0].changes["full_name"] == [None, "Орлов Пётр"]
    assert logs[1].changes == {"ends_on": [None, days(3).isoformat()]}


def test_scan_attached_is_logged_with_the_file_name(w):
    services.attach_order_scan(actor=w.department, order=w.order, upload=pdf("prikaz-213.pdf"))
    log = ActionLog.objects.get(code="centers.order.scan_attached")
    assert log.data == {"file": "prikaz-213.pdf"}
    w.order.refresh_from_db()
    assert w.order.version == 2 and w.order.updated_by == w.department
