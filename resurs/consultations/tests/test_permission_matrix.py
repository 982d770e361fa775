"""Permission matrix of the consultation pages (000 § 2.2, 3.8): the asker (a teacher, their own requests), the
administrator of the asker's organization, another organization's administrator, the center's head and organizer,
the assigned methodist, another methodist of the center, a methodist of another center, the department of the
municipality, a user without a role and anonymous users. Refusals change nothing (run_case compares the database)."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from resurs.audit.models import ActionLog
from resurs.common.tests.matrix import INVALID, LOGIN, SAVED, Case, case_params, run_case
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import ConsultationFactory, build_consultations_world, in_days


@pytest.fixture
def world(world):
    w = build_consultations_world(world)
    w.answered = ConsultationFactory(
        center=w.center,
        teacher=w.teacher,
        asked_by=w.teacher_user,
        topic="Ответ дан",
        status="answered",
        methodist=w.methodist,
        answer="Ответ",
        answered_at=timezone.now(),
        responded_at=timezone.now(),
    )
    w.new.attachment.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=True)
    return w


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"consultations:{url_name}", tuple(args), method, expected, **kw)


def A(actor, target, action, expected, method="post"):
    return C(actor, "consultation-action", (target, action), method, expected)


def denied(url_name, args=(), methods=("get",)):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


MATRIX = [
    *denied("consultation-list"),
    C("head", "consultation-list", visible=("new", "assigned", "closed"), hidden=("sibling", "far")),
    C("methodist", "consultation-list", visible=("new", "assigned"), hidden=("sibling", "far")),
    C("sibling_methodist", "consultation-list", visible=("sibling",), hidden=("new", "far")),
    C("department", "consultation-list", visible=("new", "sibling"), hidden=("far",)),
    C("teacher_user", "consultation-list", visible=("new", "closed"), hidden=("sibling", "far")),
    C("org_admin", "consultation-list", visible=("new", "closed"), hidden=("sibling", "far")),
    C("other_org_admin", "consultation-list", visible=("far",), hidden=("new", "sibling")),
    *denied("consultation-create", methods=("get", "post")),
    C("teacher_user", "consultation-create"),
    C("teacher_user", "consultation-create", method="post", expected=SAVED),
    C("org_admin", "consultation-create"),
    C("org_admin", "consultation-create", method="post", expected=SAVED),
    C("other_org_admin", "consultation-create", method="post", expected=INVALID),  # our center and teacher: no choice
    C("head", "consultation-create", expected=403),
    C("methodist", "consultation-create", method="post", expected=403),
    C("department", "consultation-create", expected=403),
    *denied("consultation-detail", ["new"]),
    *[C(a, "consultation-detail", ["new"]) for a in ("teacher_user", "org_admin", "head", "organizer", "methodist")],
    C("methodist2", "consultation-detail", ["new"]),
    C("department", "consultation-detail", ["new"]),
    C("other_org_admin", "consultation-detail", ["new"], expected=404),
    C("sibling_methodist", "consultation-detail", ["new"], expected=404),
    C("teacher_user", "consultation-detail", ["sibling"], expected=404),
    *denied("consultation-attachment", ["new"]),
    C("teacher_user", "consultation-attachment", ["new"]),
    C("head", "consultation-attachment", ["new"]),
    C("head", "consultation-attachment", ["assigned"], expected=404),  # none attached
    C("sibling_methodist", "consultation-attachment", ["new"], expected=404),
    C("other_org_admin", "consultation-attachment", ["new"], expected=404),
    # assign and reject: the center's head and organizer
    C("anonymous", "consultation-action", ("new", "assign"), "post", LOGIN),
    C("no_role", "consultation-action", ("new", "assign"), "post", 403),
    A("head", "new", "assign", 405, method="get"),
    A("head", "new", "assign", SAVED),
    A("organizer", "new", "assign", SAVED),
    A("methodist", "new", "assign", 403),
    A("teacher_user", "new", "assign", 403),
    A("org_admin", "new", "assign", 403),
    A("department", "new", "assign", 403),
    A("head", "sibling", "assign", 404),
    A("head", "closed", "assign", 400),
    A("head", "new", "explode", 404),
    A("organizer", "new", "reject", SAVED),
    A("methodist", "new", "reject", 403),
    A("teacher_user", "new", "reject", 403),
    # the assigned methodist's steps
    A("methodist", "assigned", "answer", SAVED),
    A("methodist2", "assigned", "answer", 403),  # not the assigned methodist
    A("sibling_methodist", "assigned", "answer", 404),
    A("head", "assigned", "answer", 403),
    A("teacher_user", "assigned", "answer", 403),
    A("org_admin", "assigned", "answer", 403),
    A("department", "assigned", "answer", 403),
    A("methodist", "assigned", "schedule", SAVED),
    A("methodist2", "assigned", "schedule", 403),
    A("methodist", "scheduled", "hold", SAVED),
    A("methodist2", "scheduled", "hold", 403),
    A("methodist", "answered", "close", SAVED),
    A("methodist2", "answered", "close", 403),
    A("head", "answered", "close", 403),
    A("methodist", "new", "answer", 400),  # not assigned yet: the transition is refused
    # the asker's steps
    A("teacher_user", "new", "cancel", SAVED),
    A("org_admin", "new", "cancel", SAVED),
    A("other_org_admin", "new", "cancel", 404),
    A("head", "new", "cancel", 403),
    A("methodist", "new", "cancel", 403),
    A("teacher_user", "closed", "cancel", 400),
    A("teacher_user", "closed", "rate", SAVED),
    A("org_admin", "closed", "rate", SAVED),
    A("other_org_admin", "closed", "rate", 404),
    A("head", "closed", "rate", 403),
    A("methodist", "closed", "rate", 403),
    A("department", "closed", "rate", 403),
    A("teacher_user", "assigned", "rate", 400),
    C("anonymous", "my-consultations", expected=LOGIN),
    C("teacher_user", "my-consultations", visible=("new", "closed", "scheduled"), hidden=("sibling", "far")),
    C("org_admin", "my-consultations", hidden=("new", "sibling")),  # it filed none of them
    C("no_role", "my-consultations", hidden=("new",)),
    C("head", "my-consultations", hidden=("new",)),
    *denied("consultation-stats"),
    C("head", "consultation-stats"),
    C("department", "consultation-stats"),
    C("teacher_user", "consultation-stats", expected=403),
    C("methodist", "consultation-stats", expected=403),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "consultation-create":
        data = {
            "center": w.center.pk,
            "kind": "remote",
            "direction": w.direction.pk,
            "topic": "Новый вопрос",
            "question": "Как оценивать проекты?",
        }
        if case.actor in ("org_admin", "other_org_admin"):
            data.update(organization=w.org.pk, teacher=w.teacher.pk)
        return data
    if name == "consultation-action":
        action = case.args[1]
        return {
            "assign": {"methodist": w.methodist2.pk},
            "reject": {"reason": "Не по направлению"},
            "answer": {"text": "Письменный ответ"},
            "schedule": {"meeting_at": in_days(5).strftime("%Y-%m-%dT%H:%M"), "place": "Каб. 7"},
            "hold": {"notes": "Встреча прошла"},
            "rate": {"rating": "4", "comment": "Полезно"},
        }.get(action, {})
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "consultation-create":
            c = Consultation.objects.get(topic="Новый вопрос")
            assert (c.center, c.teacher, c.organization, c.asked_by, c.status) == (
                w.center,
                w.teacher,
                w.org,
                actor,
                "new",
            )
            return
        target = Consultation.objects.get(pk=getattr(w, case.args[0]).pk)
        action = case.args[1]
        expected = {
            "assign": ("assigned", "methodist", w.methodist2),
            "reject": ("rejected", "reject_reason", "Не по направлению"),
            "answer": ("answered", "answer", "Письменный ответ"),
            "schedule": ("scheduled", "meeting_place", "Каб. 7"),
            "hold": ("held", "answer", "Встреча прошла"),
            "close": ("closed", "status", "closed"),
            "cancel": ("cancelled", "status", "cancelled"),
            "rate": ("closed", "rating", 4),
        }[action]
        assert (target.status, getattr(target, expected[1])) == (expected[0], expected[2])
        assert ActionLog.objects.filter(
            code=f"consultations.consultation.{action}", object_id=str(target.pk), actor=actor
        ).exists()

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_consultations_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
