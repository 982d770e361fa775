"""Events API: the pages' scoping and services; workflow, registration and cancellation as POST actions; coded 400s,
409 on a stale version, 404 outside the scope; nothing changed by a refused request; queries do not grow."""

import pytest
from rest_framework.test import APIClient

from resurs.common.testing import count_queries
from resurs.common.tests.matrix import db_state
from resurs.events.models import Event, Registration
from resurs.events.tests.factories import EventFactory, RegistrationFactory, build_events_world, form, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_events_world(world)


def api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def unchanged(client, method, url, data=None, status=400):
    before = db_state()
    response = getattr(client, method)(url, data or {}, format="json")
    assert response.status_code == status, (response.status_code, response.data)
    assert db_state() == before
    return response


def body(w, **changes):
    data = {
        "center": w.center.pk,
        "form": form().pk,
        "title": "Вебинар «Цифровые ресурсы»",
        "starts_at": in_days(10).isoformat(),
        "ends_at": in_days(10, 17).isoformat(),
        "format": "online",
        "online_url": "https://meet.example.ru/a",
        "capacity": 100,
    }
    return {**data, **changes}


def test_event_create_update_and_workflow(w):
    client = api(w.organizer)
    response = client.post("/api/v1/events/", body(w), format="json")
    assert response.status_code == 201, response.data
    pk = response.data["id"]
    assert response.data["status"] == "draft"
    unchanged(client, "post", "/api/v1/events/", body(w, online_url=""))
    assert unchanged(client, "post", "/api/v1/events/", body(w, format="in_person", venue=w.other_org.pk)).data[
        "venue"
    ]  # another municipality's organization is no choice
    response = client.patch(f"/api/v1/events/{pk}/", {"title": "Новое", "version": 1}, format="json")
    assert (response.status_code, response.data["title"], response.data["version"]) == (200, "Новое", 2)
    unchanged(client, "patch", f"/api/v1/events/{pk}/", {"title": "Старое", "version": 1}, status=409)
    for step, status in (("publish", "published"), ("open", "open"), ("close", "closed")):
        response = client.post(f"/api/v1/events/{pk}/{step}/")
        assert (response.status_code, response.data["status"]) == (200, status)
    response = unchanged(client, "post", f"/api/v1/events/{pk}/cancel/", {"reason": ""})
    assert response.data["code"] == "reason_required"
    response = client.post(f"/api/v1/events/{pk}/cancel/", {"reason": "Перенос"}, format="json")
    assert response.data["status"] == "cancelled"
    unchanged(client, "post", f"/api/v1/events/{pk}/open/")
    unchanged(api(w.sibling_organizer), "post", f"/api/v1/events/{w.event.pk}/close/", status=404)
    unchanged(api(w.department), "post", f"/api/v1/events/{w.event.pk}/close/", status=403)
    unchanged(api(w.teacher_user), "get", "/api/v1/events/", status=403)
    unchanged(api(), "get", "/api/v1/events/", status=401)


def test_registration_through_the_api(w):
    event = EventFactory(center=w.center, capacity=1)
    response = api(w.teacher_user).post("/api/v1/event-registrations/", {"event": event.pk}, format="json")
    assert response.status_code == 201, response.data
    assert (response.data["status"], response.data["source"]) == ("confirmed", "self")
    response = unchanged(api(w.teacher_user), "post", "/api/v1/event-registrations/", {"event": event.pk})
    assert response.data["code"] == "already_registered"
    response = api(w.organizer).post(
        "/api/v1/event-registrations/", {"event": event.pk, "teacher": w.teacher2.pk}, format="json"
    )
    assert (response.data["status"], response.data["source"]) == ("waitlisted", "center")
    unchanged(api(w.teacher_user), "post", "/api/v1/event-registrations/", {"event": w.draft.pk}, status=404)
    response = unchanged(
        api(w.org_admin),
        "post",
        "/api/v1/event-registrations/",
        {"event": event.pk, "teacher": w.other_teacher.pk},
        status=403,
    )
    mine = api(w.teacher_user).get("/api/v1/event-registrations/").data["results"]
    assert [r["teacher"] for r in mine] == [w.teacher.pk]
    first = Registration.objects.get(event=event, teacher=w.teacher)
    unchanged(
        api(w.teacher_user),
        "post",
        f"/api/v1/event-registrations/{Registration.objects.get(teacher=w.teacher2).pk}/cancel/",
        status=404,
    )
    response = api(w.teacher_user).post(f"/api/v1/event-registrations/{first.pk}/cancel/")
    assert response.data["status"] == "cancelled"
    assert Registration.objects.get(teacher=w.teacher2, event=event).status == "confirmed"


def test_api_lists_do_not_grow(w):
    client = api(w.organizer)

    def measure():
        with count_queries() as counted:
            assert client.get("/api/v1/events/").status_code == 200
            assert client.get("/api/v1/event-registrations/").status_code == 200
        return counted.count

    for _ in range(3):
        RegistrationFactory(event=EventFactory(center=w.center))
    measure()  # warm the caches (content types, sessions)
    few = measure()
    for _ in range(20):
        event = EventFactory(center=w.center)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="waitlisted")
    assert measure() == few
    assert Event.objects.filter(center=w.center).count() > 20
