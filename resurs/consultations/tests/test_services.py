"""The consultation services (000 § 2.2, 3.8): every transition with its action-log entry and notifications, every
error code, and on every refusal nothing changed."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.audit.models import ActionLog
from resurs.common.errors import ServiceError
from resurs.common.models import Notification
from resurs.common.tests.matrix import db_state
from resurs.consultations import selectors, services
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import build_consultations_world, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_consultations_world(world)


def ask(w, actor=None, **values):
    data = {
        "center": w.center,
        "kind": "remote",
        "topic": "Проектная деятельность",
        "direction": w.direction,
        "question": "С чего начать проект в 7 классе?",
    }
    data.update(values)
    return services.ask(actor=actor or w.teacher_user, **data)


def refused(code, call, *args, **kwargs):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        call(*args, **kwargs)
    assert exc.value.code == code
    assert db_state() == before


def logged(consultation, action, actor):
    return ActionLog.objects.filter(
        code=f"consultations.consultation.{action}", object_id=str(consultation.pk), actor=actor
    ).count()


def test_teacher_asks_for_themselves_and_the_center_is_told(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = ask(w)
    c.refresh_from_db()
    assert (c.teacher, c.organization, c.asked_by, c.status, c.kind, c.version) == (
        w.teacher,
        w.org,
        w.teacher_user,
        "new",
        "remote",
        1,
    )
    assert logged(c, "asked", w.teacher_user) == 1
    told = set(
        Notification.objects.filter(subject="New consultation request: Проектная деятельность").values_list(
            "user", flat=True
        )
    )
    assert told == {w.head.pk, w.organizer.pk}
    assert sorted(m.to[0] for m in mail.outbox) == ["rc_head@rc.ru", "rc_organizer@rc.ru"]


def test_org_admin_asks_for_its_teacher_or_its_organization(w):
    c = ask(w, actor=w.org_admin, teacher=w.teacher, organization=w.org, kind="group")
    assert (c.teacher, c.organization, c.asked_by) == (w.teacher, w.org, w.org_admin)
    c2 = ask(w, actor=w.org_admin, organization=w.org, kind="group")
    assert (c2.teacher, c2.organization) == (None, w.org)


def test_attachment_is_stored_after_its_checks(w):
    c = ask(w, upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"))
    assert c.attachment.read() == b"%PDF-1.4 plan"


def test_asking_refusals(w, settings):
    refused("no_teacher_record", ask, w, actor=w.no_role)
    refused("teacher_outside", ask, w, actor=w.org_admin, teacher=w.other_teacher, organization=w.org)
    refused("permission_denied", ask, w, actor=w.other_org_admin, teacher=w.teacher)
    refused("permission_denied", ask, w, actor=w.teacher_user, teacher=w.other_teacher)
    refused("center_outside", ask, w, center=w.far_center)
    w.sibling_center.status = "terminated"
    w.sibling_center.save()
    refused("center_outside", ask, w, center=w.sibling_center)
    refused("question_required", ask, w, topic="  ")
    refused("question_required", ask, w, question="")
    refused("file_type", ask, w, upload=SimpleUploadedFile("virus.exe", b"MZ..."))
    refused("file_type", ask, w, upload=SimpleUploadedFile("fake.pdf", b"not a pdf"))
    refused("file_empty", ask, w, upload=SimpleUploadedFile("empty.pdf", b""))
    settings.UPLOAD_MAX_MB = 1
    refused("file_size", ask, w, upload=SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024)))


def test_remote_flow_assign_answer_close_rate(w, django_capture_on_commit_callbacks):
    c = ask(w)
    asked = c.asked_at
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(actor=w.head, consultation=c, methodist=w.methodist)
    c.refresh_from_db()
    assert (c.status, c.methodist, c.version) == ("assigned", w.methodist, 2)
    assert logged(c, "assign", w.head) == 1
    assert Notification.objects.filter(user=w.methodist, url=c.get_absolute_url()).count() == 1
    answered = asked + datetime.timedelta(hours=5, minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(actor=w.methodist, consultation=c, text="Начните с проблемы.", now=answered)
    c.refresh_from_db()
    assert (c.status, c.answer, c.answered_at, c.responded_at) == (
        "answered",
        "Начните с проблемы.",
        answered,
        answered,
    )
    assert c.response_time == datetime.timedelta(hours=5, minutes=30)
    assert (
        Notification.objects.filter(
            user=w.teacher_user, subject__startswith="Your consultation request is answered"
        ).count()
        == 1
    )
    assert any(m.to == ["teacher@school.ru"] and "Начните с проблемы." in m.body for m in mail.outbox)
    services.close(actor=w.methodist, consultation=c)
    c.refresh_from_db()
    assert c.status == "closed" and c.closed_at is not None
    services.rate(actor=w.teacher_user, consultation=c, rating=5, comment="Спасибо!")
    c.refresh_from_db()
    assert (c.status, c.rating, c.rating_comment) == ("closed", 5, "Спасибо!")
    assert [
        logged(c, a, u) for a, u in [("answer", w.methodist), ("close", w.methodist), ("rate", w.teacher_user)]
    ] == [1, 1, 1]
    overview = selectors.consultations_overview().get(pk=c.pk)
    assert overview.response_duration == datetime.timedelta(hours=5, minutes=30)


def test_meeting_flow_schedule_move_hold_close(w, django_capture_on_commit_callbacks):
    c = ask(w, kind="individual")
    services.assign(actor=w.organizer, consultation=c, methodist=w.methodist2)
    services.assign(actor=w.organizer, consultation=c, methodist=w.methodist)  # reassigned before an answer
    when = in_days(3, hour=14)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(actor=w.methodist, consultation=c, meeting_at=when, place="Кабинет 5")
    c.refresh_from_db()
    assert (c.status, c.meeting_at, c.meeting_place, c.meeting_url) == ("scheduled", when, "Кабинет 5", "")
    first = c.responded_at
    letter = [m for m in mail.outbox if m.to == ["teacher@school.ru"]][-1]
    assert "Кабинет 5" in letter.body and timezone.localtime(when).strftime("%d.%m.%Y %H:%M") in letter.body
    later = in_days(4, hour=10)
    services.schedule(actor=w.methodist, consultation=c, meeting_at=later, url="https://meet.example.org/rc")
    c.refresh_from_db()
    assert (c.meeting_at, c.meeting_place, c.meeting_url, c.responded_at) == (
        later,
        "",
        "https://meet.example.org/rc",
        first,
    )
    refused("meeting_not_started", services.hold, actor=w.methodist, consultation=c)
    services.hold(
        actor=w.methodist, consultation=c, notes="Разобрали два урока.", now=later + datetime.timedelta(hours=1)
    )
    c.refresh_from_db()
    assert (c.status, c.answer) == ("held", "Разобрали два урока.")
    services.close(actor=w.methodist, consultation=c)
    assert Consultation.objects.get(pk=c.pk).status == "closed"
    assert logged(c, "schedule", w.methodist) == 2 and logged(c, "hold", w.methodist) == 1


def test_cancel_and_reject(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=w.teacher_user, consultation=w.assigned)
    assert Consultation.objects.get(pk=w.assigned.pk).status == "cancelled"
    assert (
        Notification.objects.filter(
            user=w.methodist, subject__startswith="The consultation request is cancelled"
        ).count()
        == 1
    )
    refused("reason_required", services.reject, actor=w.head, consultation=w.new, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(actor=w.head, consultation=w.new, reason="Вопрос не по направлению центра")
    c = Consultation.objects.get(pk=w.new.pk)
    assert (c.status, c.reject_reason) == ("rejected", "Вопрос не по направлению центра")
    assert logged(c, "reject", w.head) == 1
    assert Notification.objects.filter(user=w.teacher_user, body="Вопрос не по направлению центра").count() == 1


def test_org_admin_cancels_and_rates_for_its_organization(w):
    services.cancel(actor=w.org_admin, consultation=w.new)
    services.rate(actor=w.org_admin, consultation=w.closed, rating=4)
    assert Consultation.objects.get(pk=w.closed.pk).rating == 4


def test_workflow_refusals(w):
    refused("methodist_outside", services.assign, actor=w.head, consultation=w.new, methodist=w.sibling_methodist)
    refused("methodist_outside", services.assign, actor=w.head, consultation=w.new, methodist=w.head)
    refused("permission_denied", services.assign, actor=w.methodist, consultation=w.new, methodist=w.methodist)
    refused("permission_denied", services.assign, actor=w.teacher_user, consultation=w.new, methodist=w.methodist)
    refused("not_assigned_methodist", services.answer, actor=w.methodist2, consultation=w.assigned, text="Ответ")
    refused("permission_denied", services.answer, actor=w.sibling_methodist, consultation=w.assigned, text="Ответ")
    refused("not_assigned_methodist", services.answer, actor=w.head, consultation=w.assigned, text="Ответ")
    refused("answer_required", services.answer, actor=w.methodist, consultation=w.assigned, text="  ")
    refused("transition_not_allowed", services.answer, actor=w.methodist, consultation=w.closed, text="Ещё")
    refused("meeting_in_past", services.schedule, actor=w.methodist, consultation=w.assigned, meeting_at=in_days(-1))
    refused("meeting_in_past", services.schedule, actor=w.methodist, consultation=w.assigned, meeting_at=None)
    refused("place_required", services.schedule, actor=w.methodist, consultation=w.assigned, meeting_at=in_days(2))
    refused("transition_not_allowed", services.close, actor=w.methodist, consultation=w.assigned)
    refused("transition_not_allowed", services.cancel, actor=w.teacher_user, consultation=w.closed)
    refused("transition_not_allowed", services.rate, actor=w.teacher_user, consultation=w.assigned, rating=5)
    refused("permission_denied", services.cancel, actor=w.other_org_admin, consultation=w.new)
    refused("permission_denied", services.rate, actor=w.head, consultation=w.closed, rating=5)
    refused("rating_range", services.rate, actor=w.teacher_user, consultation=w.closed, rating=6)
    refused("rating_range", services.rate, actor=w.teacher_user, consultation=w.closed, rating=0)
    services.rate(actor=w.teacher_user, consultation=w.closed, rating=3)
    refused("already_rated", services.rate, actor=w.teacher_user, consultation=w.closed, rating=4)
    refused("unknown_action", services.perform, actor=w.head, consultation=w.new, action="explode")
    refused("concurrent_edit", services.assign, actor=w.head, consultation=w.new, methodist=w.methodist, version=7)


def test_rating_constraint_in_the_database(w):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=w.closed.pk).update(rating=9)


def test_consultation_counts_for_a_period(w):
    c = ask(w, kind="individual")
    services.assign(actor=w.head, consultation=c, methodist=w.methodist2)
    today = timezone.localdate()
    counts = selectors.consultation_counts([w.center.pk, w.sibling_center.pk], today, today)
    assert (counts["total"], counts["given"], counts["rated"], counts["rating"]) == (6, 1, 0, None)
    assert counts["by_status"] == {"assigned": 2, "closed": 1, "new": 2, "scheduled": 1}
    assert counts["by_kind"] == {"individual": 2, "remote": 4}
    assert [(r["center__name"], r["count"], r["given"]) for r in counts["by_center"]] == [
        ("Ресурсный центр «Точка роста»", 5, 1),
        ("Ресурсный центр «Сириус»", 1, 0),
    ]
    methodists = {r["methodist__last_name"]: r["count"] for r in counts["by_methodist"]}
    assert methodists == {None: 1, "Петрова": 3, "Волкова": 1, "Орлов": 1}
    assert [(r["direction__name"], r["count"]) for r in counts["by_direction"]] == [
        ("Цифровая образовательная среда", 6)
    ]
    yesterday = today - datetime.timedelta(days=1)
    assert selectors.consultation_counts([w.center.pk], yesterday, yesterday)["total"] == 0


def test_for_teacher_returns_the_teachers_requests(w):
    assert list(selectors.for_teacher(w.teacher)) == list(
        Consultation.objects.filter(teacher=w.teacher).order_by("-asked_at", "-id")
    )
    assert set(selectors.for_teacher(w.teacher).values_list("topic", flat=True)) == {
        "Новый запрос",
        "Запрос в работе",
        "Закрытый запрос",
        "Встреча назначена",
    }
