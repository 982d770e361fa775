"""Permission matrix of the consultation API: every workflow action, reading and asking, for the asker (a teacher),
the administrator of the asker's organization, another organization's administrator, the center's head and
organizer, the assigned methodist, another methodist of the center, a methodist of another center, the department
of the municipality, a user without a role and anonymous users. A refused request changes nothing."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from resurs.common.tests.matrix import db_state
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import ConsultationFactory, build_consultations_world, in_days

pytestmark = pytest.mark.django_db

ACTORS = (
    "anonymous",
    "no_role",
    "teacher_user",
    "org_admin",
    "other_org_admin",
    "head",
    "organizer",
    "methodist",
    "methodist2",
    "sibling_methodist",
    "department",
)


def row(*answers):
    return dict(zip(ACTORS, answers, strict=True))


CENTER_STEP = row(401, 403, 403, 403, 403, 200, 200, 403, 403, 403, 403)
METHODIST_STEP = row(401, 403, 403, 403, 403, 403, 403, 200, 403, 404, 403)
ASKER_STEP = row(401, 403, 200, 200, 404, 403, 403, 403, 403, 403, 403)
# action: (target, body, expected answers, stored status)
ACTIONS = {
    "assign": ("new", lambda w: {"methodist": w.methodist2.pk}, CENTER_STEP, "assigned"),
    "reject": ("new", lambda w: {"reason": "Не по направлению"}, CENTER_STEP, "rejected"),
    "answer": ("assigned", lambda w: {"text": "Ответ"}, METHODIST_STEP, "answered"),
    "schedule": (
        "assigned",
        lambda w: {"meeting_at": in_days(3).isoformat(), "place": "Каб. 2"},
        METHODIST_STEP,
        "scheduled",
    ),
    "hold": ("scheduled", lambda w: {"notes": "Провели"}, METHODIST_STEP, "held"),
    "close": ("answered", lambda w: {}, METHODIST_STEP, "closed"),
    "cancel": ("new", lambda w: {}, ASKER_STEP, "cancelled"),
    "rate": ("closed", lambda w: {"rating": 4}, ASKER_STEP, "closed"),
}
READ = row(401, 403, 200, 200, 404, 200, 200, 200, 200, 404, 200)
ASK = row(401, 403, 201, 201, 400, 403, 403, 403, 403, 403, 403)


@pytest.fixture
def w(world):
    w = build_consultations_world(world)
    w.answered = ConsultationFactory(
        center=w.center,
        teacher=w.teacher,
        asked_by=w.teacher_user,
        status="answered",
        methodist=w.methodist,
        answer="Ответ",
        answered_at=timezone.now(),
        responded_at=timezone.now(),
    )
    return w


def client_of(w, actor):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    user = getattr(w, actor)
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_workflow_action(w, action, actor):
    target_name, data, answers, stored = ACTIONS[action]
    target = getattr(w, target_name)
    expected = answers[actor]
    before = db_state()
    response = client_of(w, actor).post(f"/api/v1/consultations/{target.pk}/{action}/", data(w), format="json")
    assert response.status_code == expected, (response.status_code, getattr(response, "data", None))
    if expected == 200:
        assert Consultation.objects.get(pk=target.pk).status == stored
        assert response.data["status"] == stored
    else:
        assert db_state() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_read(w, actor):
    response = client_of(w, actor).get(f"/api/v1/consultations/{w.new.pk}/")
    assert response.status_code == READ[actor]
    if READ[actor] == 200:
        assert response.data["topic"] == "Новый запрос"


@pytest.mark.parametrize("actor", ACTORS)
def test_ask(w, actor):
    body = {
        "center": w.center.pk,
        "kind": "individual",
        "direction": w.direction.pk,
        "topic": "Матрица",
        "question": "Вопрос",
    }
    if actor in ("org_admin", "other_org_admin"):
        body.update(organization=w.org.pk, teacher=w.teacher.pk)
    before = db_state()
    response = client_of(w, actor).post("/api/v1/consultations/", body, format="json")
    assert response.status_code == ASK[actor], (response.status_code, getattr(response, "data", None))
    if ASK[actor] == 201:
        c = Consultation.objects.get(topic="Матрица")
        assert (c.teacher, c.organization, c.asked_by) == (w.teacher, w.org, getattr(w, actor))
    else:
        assert db_state() == before
