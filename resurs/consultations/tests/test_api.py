"""Consultations API: the pages' scoping and services; asking (JSON and multipart with an attachment) and every
workflow step as a POST action; coded 400s, 403s, 404 outside the scope, 409 on a stale version; nothing changed by
a refused request; the list's queries do not grow with the rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from resurs.common.testing import count_queries
from resurs.common.tests.matrix import db_state
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import ConsultationFactory, build_consultations_world, in_days
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/consultations/"


@pytest.fixture
def w(world):
    return build_consultations_world(world)


def api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def unchanged(client, url, data=None, status=400, fmt="json"):
    before = db_state()
    response = client.post(url, data or {}, format=fmt)
    assert response.status_code == status, (response.status_code, response.data)
    assert db_state() == before
    return response


def body(w, **changes):
    return {
        "center": w.center.pk,
        "kind": "remote",
        "direction": w.direction.pk,
        "topic": "Наставничество",
        "question": "Как выстроить работу с молодым учителем?",
        **changes,
    }


def test_the_whole_flow_through_the_api(w):
    response = api(w.teacher_user).post(URL, body(w), format="json")
    assert response.status_code == 201, response.data
    pk = response.data["id"]
    assert (response.data["status"], response.data["teacher"], response.data["organization"]) == (
        "new",
        w.teacher.pk,
        w.org.pk,
    )
    response = api(w.head).post(f"{URL}{pk}/assign/", {"methodist": w.methodist.pk}, format="json")
    assert (response.status_code, response.data["status"], response.data["methodist"]) == (
        200,
        "assigned",
        w.methodist.pk,
    )
    response = api(w.methodist).post(f"{URL}{pk}/answer/", {"text": "Составьте план наставничества."}, format="json")
    assert (response.status_code, response.data["status"]) == (200, "answered")
    assert response.data["response_seconds"] is not None and response.data["response_seconds"] >= 0
    response = api(w.methodist).post(f"{URL}{pk}/close/", format="json")
    assert (response.status_code, response.data["status"]) == (200, "closed")
    response = api(w.teacher_user).post(f"{URL}{pk}/rate/", {"rating": 5, "comment": "Спасибо"}, format="json")
    assert (response.status_code, response.data["rating"], response.data["rating_comment"]) == (200, 5, "Спасибо")
    unchanged(api(w.teacher_user), f"{URL}{pk}/rate/", {"rating": 4})
    assert api(w.teacher_user).post(f"{URL}{pk}/rate/", {"rating": 4}, format="json").data["code"] == "already_rated"


def test_meeting_steps_and_reject_and_cancel(w):
    response = api(w.methodist).post(
        f"{URL}{w.assigned.pk}/schedule/",
        {"meeting_at": in_days(2).isoformat(), "url": "https://meet.example.org/x"},
        format="json",
    )
    assert (response.status_code, response.data["status"], response.data["meeting_url"]) == (
        200,
        "scheduled",
        "https://meet.example.org/x",
    )
    response = api(w.methodist).post(f"{URL}{w.scheduled.pk}/hold/", {"notes": "Провели"}, format="json")
    assert (response.status_code, response.data["status"], response.data["answer"]) == (200, "held", "Провели")
    response = api(w.organizer).post(f"{URL}{w.new.pk}/reject/", {"reason": "Дубликат"}, format="json")
    assert (response.status_code, response.data["status"], response.data["reject_reason"]) == (
        200,
        "rejected",
        "Дубликат",
    )
    other = ConsultationFactory(center=w.center, teacher=w.teacher, asked_by=w.teacher_user)
    response = api(w.org_admin).post(f"{URL}{other.pk}/cancel/", format="json")
    assert (response.status_code, response.data["status"]) == (200, "cancelled")


def test_org_admin_asks_with_an_attachment(w):
    data = body(w, organization=w.org.pk, teacher=w.teacher.pk, kind="group")
    data["attachment"] = SimpleUploadedFile("program.pdf", b"%PDF-1.4 program")
    response = api(w.org_admin).post(URL, data, format="multipart")
    assert response.status_code == 201, response.data
    c = Consultation.objects.get(pk=response.data["id"])
    assert (c.asked_by, c.teacher, c.kind, c.attachment.read()) == (
        w.org_admin,
        w.teacher,
        "group",
        b"%PDF-1.4 program",
    )
    assert response.data["has_attachment"] is True


def test_coded_refusals(w):
    teacher = api(w.teacher_user)
    assert unchanged(teacher, URL, body(w, center=w.far_center.pk)).data["code"] == "center_outside"
    assert "topic" in unchanged(teacher, URL, body(w, topic=" ")).data  # the serializer: blank is no topic
    bad = body(w)
    bad["attachment"] = SimpleUploadedFile("x.exe", b"MZ")
    assert unchanged(teacher, URL, bad, fmt="multipart").data["code"] == "file_type"
    assert unchanged(api(w.no_role), URL, body(w), status=403).data["detail"]
    stranger = TeacherFactory(organization=w.other_org)
    response = unchanged(
        api(w.org_admin), URL, body(w, organization=w.org.pk, teacher=stranger.pk), status=400
    )  # a teacher beyond its reach is no choice
    assert "teacher" in response.data
    assert (
        unchanged(api(w.head), f"{URL}{w.new.pk}/assign/", {"methodist": w.sibling_methodist.pk}).data["code"]
        == "methodist_outside"
    )
    assert unchanged(api(w.head), f"{URL}{w.new.pk}/reject/", {"reason": ""}).data["code"] == "reason_required"
    assert unchanged(api(w.methodist), f"{URL}{w.assigned.pk}/answer/", {"text": ""}).data["code"] == "answer_required"
    response = unchanged(api(w.methodist2), f"{URL}{w.assigned.pk}/answer/", {"text": "Ответ"}, status=403)
    assert response.data["code"] == "not_assigned_methodist"
    assert unchanged(api(w.sibling_methodist), f"{URL}{w.assigned.pk}/answer/", {"text": "x"}, status=404)
    assert unchanged(api(w.head), f"{URL}{w.assigned.pk}/answer/", {"text": "x"}, status=403)
    past = {"meeting_at": in_days(-2).isoformat(), "place": "Каб. 1"}
    assert unchanged(api(w.methodist), f"{URL}{w.assigned.pk}/schedule/", past).data["code"] == "meeting_in_past"
    nowhere = {"meeting_at": in_days(2).isoformat()}
    assert unchanged(api(w.methodist), f"{URL}{w.assigned.pk}/schedule/", nowhere).data["code"] == "place_required"
    future = ConsultationFactory(
        center=w.center, teacher=w.teacher, status="scheduled", methodist=w.methodist, meeting_at=in_days(3)
    )
    assert unchanged(api(w.methodist), f"{URL}{future.pk}/hold/").data["code"] == "meeting_not_started"
    assert unchanged(api(w.methodist), f"{URL}{w.assigned.pk}/close/").data["code"] == "transition_not_allowed"
    assert unchanged(api(w.teacher_user), f"{URL}{w.closed.pk}/rate/", {"rating": 9}).data["code"] == "rating_range"
    assert unchanged(api(w.other_org_admin), f"{URL}{w.new.pk}/cancel/", status=404)
    assert unchanged(api(), f"{URL}{w.new.pk}/cancel/", status=401)


def test_list_is_scoped_and_filtered(w):
    ids = {row["id"] for row in api(w.teacher_user).get(URL).data["results"]}
    assert ids == {w.new.pk, w.assigned.pk, w.closed.pk, w.scheduled.pk}
    ids = {row["id"] for row in api(w.sibling_methodist).get(URL).data["results"]}
    assert ids == {w.sibling.pk}
    response = api(w.head).get(URL, {"status": "assigned"})
    assert [row["id"] for row in response.data["results"]] == [w.assigned.pk]
    response = api(w.head).get(URL, {"kind": "individual"})
    assert [row["id"] for row in response.data["results"]] == [w.scheduled.pk]
    assert api(w.head).get(URL, {"methodist": w.far_methodist.pk}).status_code == 400  # not a choice of theirs
    assert api(w.head).get(f"{URL}{w.far.pk}/").status_code == 404


def test_list_queries_do_not_grow(w):
    client = api(w.department)

    def measured():
        with count_queries() as counted:
            response = client.get(URL)
        assert response.status_code == 200
        return counted.count

    measured()
    few = measured()
    for _ in range(15):
        ConsultationFactory(center=w.center, methodist=w.methodist, status="assigned")
    assert measured() == few
