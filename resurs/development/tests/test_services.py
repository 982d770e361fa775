"""Services of teacher development: the route workflow with its action log, every refusal code, diagnostics and
attestation rules (001 § 2.2, 3.2.3; 004 § 5.5; Order № 196)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog
from resurs.catalogs.models import QualificationCategory
from resurs.common.errors import ServiceError
from resurs.common.hooks import save_object
from resurs.common.tests.matrix import db_state
from resurs.people.tests.factories import TeacherFactory

from .. import services
from ..models import Attestation, Course, DiagnosticResult, MentoringPair, Route, RouteStep
from .factories import build_world, competence, event, procedure, result

TODAY = timezone.localdate()
YEAR_LATER = TODAY + datetime.timedelta(days=365)


@pytest.fixture
def w(world):
    return build_world(world)


def new_route(w, **values):
    return services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        **{"period_start": TODAY, "period_end": YEAR_LATER, "deficits": [w.deficit], "center": w.center, **values},
    )


def refused(code, call):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        call()
    assert exc.value.code == code
    assert db_state() == before


def test_the_route_goes_draft_agreed_in_progress_completed_with_its_log(w):
    route = new_route(w, tutor=w.methodist, goals="Освоить формирующее оценивание")
    assert (route.status, list(route.deficits.all())) == ("draft", [w.deficit])
    step = services.save_step(
        actor=w.teacher_user,
        route=route,
        version=route.version,
        kind="self_education",
        title="Изучить книгу «Оценивание для обучения»",
        deadline=TODAY + datetime.timedelta(days=30),
        competence=competence("М3"),
    )
    route = services.transition(actor=w.methodist, route=route, action="agree")
    assert (route.status, route.agreed_at is not None) == ("agreed", True)
    route = services.transition(actor=w.teacher_user, route=route, action="start")
    services.complete_step(actor=w.teacher_user, step=step, evidence_url="https://example.org/konspekt")
    step.refresh_from_db()
    assert (step.status, step.evidence_url, step.completed_on, step.by_attendance) == (
        "done",
        "https://example.org/konspekt",
        TODAY,
        False,
    )
    rediagnosis = procedure(w.mun, held_on=TODAY, title="Повторная диагностика")
    route = services.transition(
        actor=w.teacher_user, route=route, action="complete", reflection="Дефицит закрыт", rediagnosis=rediagnosis
    )
    assert (route.status, route.reflection, route.rediagnosis) == ("completed", "Дефицит закрыт", rediagnosis)
    codes = list(ActionLog.objects.filter(object_id=str(route.pk)).order_by("id").values_list("code", flat=True))
    assert codes == [
        "development.route.created",
        "development.step.added",
        "development.route.agree",
        "development.route.start",
        "development.step.done",
        "development.route.complete",
    ]


def test_closing_needs_the_reason(w):
    route = new_route(w)
    refused("reason_required", lambda: services.transition(actor=w.teacher_user, route=route, action="close"))
    route = services.transition(actor=w.teacher_user, route=route, action="close", reason="Увольнение")
    assert (route.status, route.close_reason) == ("closed", "Увольнение")
    assert ActionLog.objects.get(code="development.route.close").data == {"reason": "Увольнение"}
    refused(
        "transition_not_allowed",
        lambda: services.save_step(
            actor=w.teacher_user, route=route, version=None, kind="self_education", title="x", deadline=TODAY
        ),
    )


def test_completing_needs_the_reflection(w):
    route = new_route(w, tutor=w.methodist)
    services.transition(actor=w.methodist, route=route, action="agree")
    services.transition(actor=w.teacher_user, route=route, action="start")
    refused("reflection_required", lambda: services.transition(actor=w.teacher_user, route=route, action="complete"))


def test_only_the_tutor_agrees_and_only_a_draft(w):
    route = new_route(w)
    refused("tutor_required", lambda: services.transition(actor=w.methodist, route=route, action="agree"))
    route = services.update_route(actor=w.teacher_user, route=route, version=route.version, tutor=w.methodist)
    other = make_user("dev_methodist2", "methodist", "center", w.center)
    refused("not_tutor", lambda: services.transition(actor=other, route=route, action="agree"))
    # The teacher holds no agree code at all.
    refused("permission_denied", lambda: services.transition(actor=w.teacher_user, route=route, action="agree"))
    refused("transition_not_allowed", lambda: services.transition(actor=w.teacher_user, route=route, action="start"))
    refused("unknown_action", lambda: services.transition(actor=w.teacher_user, route=route, action="approve"))


def test_the_tutor_must_reach_the_teacher(w):
    refused("tutor_scope", lambda: new_route(w, tutor=w.far_methodist))


def test_deficits_are_the_teachers_own(w):
    refused("deficit_not_of_teacher", lambda: new_route(w, deficits=[w.far_result]))
    refused("deficit_not_of_teacher", lambda: new_route(w, deficits=[w.strength]))
    refused("period", lambda: new_route(w, period_end=TODAY - datetime.timedelta(days=1)))


def test_outsiders_cannot_make_a_route(w):
    for actor in (w.far_methodist, w.other_department, w.no_role):
        refused(
            "permission_denied",
            lambda actor=actor: services.create_route(
                actor=actor, teacher=w.teacher, period_start=TODAY, period_end=YEAR_LATER
            ),
        )


def test_a_methodist_makes_the_route_of_a_supported_teacher_for_their_center(w):
    route = services.create_route(
        actor=w.methodist, teacher=w.teacher, period_start=TODAY, period_end=YEAR_LATER, center=w.center
    )
    assert route.center == w.center
    # Not for a teacher of the municipality outside the center's associations, nor for another center.
    refused(
        "permission_denied",
        lambda: services.create_route(
            actor=w.methodist, teacher=w.teacher2, period_start=TODAY, period_end=YEAR_LATER, center=w.far_center
        ),
    )


def test_step_rules(w):
    route = new_route(w)
    refused(
        "deadline_outside_period",
        lambda: services.save_step(
            actor=w.teacher_user,
            route=route,
            version=None,
            kind="course",
            title="Курсы",
            deadline=YEAR_LATER + datetime.timedelta(days=1),
        ),
    )
    refused(
        "event_required",
        lambda: services.save_step(
            actor=w.teacher_user, route=route, version=None, kind="event", title="Семинар", deadline=TODAY
        ),
    )
    step = services.save_step(
        actor=w.teacher_user, route=route, version=None, kind="open_lesson", title="Открытый урок", deadline=TODAY
    )
    refused("evidence_required", lambda: services.complete_step(actor=w.teacher_user, step=step))
    other_route = new_route(w, period_start=TODAY + datetime.timedelta(days=1))
    refused(
        "step_route",
        lambda: services.save_step(actor=w.teacher_user, route=other_route, version=None, step=step, title="x"),
    )
    services.cancel_step(actor=w.teacher_user, step=step)
    refused("step_done", lambda: services.cancel_step(actor=w.teacher_user, step=step))
    refused("step_done", lambda: services.complete_step(actor=w.teacher_user, step=step, evidence_note="Протокол"))
    assert RouteStep.objects.get(pk=step.pk).status == "cancelled"


def test_a_stale_route_version_is_refused(w):
    route = new_route(w)
    stale = route.version
    services.update_route(actor=w.teacher_user, route=route, version=stale, goals="Новая цель")
    refused(
        "concurrent_edit", lambda: services.update_route(actor=w.teacher_user, route=route, version=stale, goals="x")
    )


def test_a_changed_threshold_re_marks_the_deficits(w):
    proc = w.diagnostic
    assert (DiagnosticResult.objects.get(pk=w.strength.pk).is_deficit, w.deficit.is_deficit) == (False, True)
    proc.threshold = Decimal("85")
    services.save_procedure(actor=w.methodist, procedure=proc, version=proc.version)
    assert DiagnosticResult.objects.get(pk=w.strength.pk).is_deficit is True  # 80 % < 85 %
    proc.threshold = Decimal("25")
    services.save_procedure(actor=w.methodist, procedure=proc, version=proc.version)
    assert set(DiagnosticResult.objects.filter(procedure=proc, is_deficit=True)) == set()
    assert proc.version == 3


def test_result_rules(w):
    duplicate = DiagnosticResult(
        procedure=w.diagnostic, teacher=w.teacher, competence=competence("М2"), score=5, max_score=10
    )
    refused("duplicate_result", lambda: services.save_result(actor=w.methodist, result=duplicate))
    over = DiagnosticResult(
        procedure=w.diagnostic, teacher=w.teacher, competence=competence("К1"), score=11, max_score=10
    )
    with pytest.raises(ValidationError) as exc:
        services.save_result(actor=w.methodist, result=over)
    assert exc.value.error_dict["score"][0].code == "score_range"
    exactly = services.save_result(
        actor=w.methodist,
        result=DiagnosticResult(
            procedure=w.diagnostic, teacher=w.teacher, competence=competence("К1"), score=5, max_score=10
        ),
    )
    assert exactly.is_deficit is False  # 50 % is the threshold itself: not under it
    refused(
        "permission_denied",
        lambda: services.save_result(
            actor=w.far_methodist,
            result=DiagnosticResult(
                procedure=w.diagnostic, teacher=w.teacher, competence=competence("К2"), score=5, max_score=10
            ),
        ),
    )


def test_procedure_rules(w):
    proc = procedure(w.mun)
    proc.threshold = Decimal("120")
    with pytest.raises(ValidationError) as exc:
        services.save_procedure(actor=w.department, procedure=proc, version=proc.version)
    assert (
        "threshold_range" in str(exc.value.error_dict) or exc.value.error_dict["__all__"][0].code == "threshold_range"
    )
    proc = procedure(w.mun)
    proc.organization = w.other_org
    with pytest.raises(ValidationError) as exc:
        services.save_procedure(actor=w.department, procedure=proc, version=proc.version)
    assert exc.value.error_dict["organization"][0].code == "organization"
    proc = procedure(w.mun)
    proc.center = w.far_center
    with pytest.raises(ValidationError) as exc:
        services.save_procedure(actor=w.department, procedure=proc, version=proc.version)
    assert exc.value.error_dict["center"][0].code == "center"


def category(name="Высшая"):
    return QualificationCategory.objects.filter(kind="category").order_by("-rank").first()


def test_a_category_granted_from_september_2023_has_no_end(w):
    cat = category()
    a = services.save_attestation(
        actor=w.department,
        attestation=Attestation(
            teacher=w.teacher, category=cat, decided_on=datetime.date(2024, 3, 1), order_number="№ 12-к"
        ),
    )
    assert a.expires_on is None
    w.teacher.refresh_from_db()
    assert (w.teacher.category, w.teacher.category_assigned_on, w.teacher.category_expires_on) == (
        cat,
        datetime.date(2024, 3, 1),
        None,
    )
    refused(
        "perpetual_category",
        lambda: services.save_attestation(
            actor=w.department,
            attestation=Attestation(
                teacher=w.teacher,
                category=cat,
                decided_on=datetime.date(2023, 9, 1),
                order_number="№ 1",
                expires_on=datetime.date(2028, 9, 1),
            ),
        ),
    )


def test_an_older_category_keeps_its_end_date(w):
    cat = category()
    given = services.save_attestation(
        actor=w.department,
        attestation=Attestation(
            teacher=w.teacher,
            category=cat,
            decided_on=datetime.date(2021, 12, 20),
            order_number="№ 5",
            expires_on=datetime.date(2026, 12, 20),
        ),
    )
    assert given.expires_on == datetime.date(2026, 12, 20)
    defaulted = services.save_attestation(
        actor=w.department,
        attestation=Attestation(
            teacher=w.teacher2, category=cat, decided_on=datetime.date(2020, 2, 29), order_number="№ 7"
        ),
    )
    years = cat.validity_years or 5
    assert defaulted.expires_on == datetime.date(2020 + years, 2, 28)
    refused(
        "expiry_required",
        lambda: services.save_attestation(
            actor=w.department,
            attestation=Attestation(
                teacher=w.teacher,
                category=cat,
                decided_on=datetime.date(2022, 1, 10),
                order_number="№ 9",
                expires_on=datetime.date(2022, 1, 10),
            ),
        ),
    )
    w.teacher.refresh_from_db()
    assert w.teacher.category_expires_on == datetime.date(2026, 12, 20)


def test_who_is_due_in_the_next_months(w):
    from resurs.people.models import Teacher

    today = datetime.date(2026, 12, 7)
    soon = TeacherFactory(organization=w.org, category=category(), category_expires_on=datetime.date(2027, 3, 1))
    edge = TeacherFactory(organization=w.org, category=category(), category_expires_on=datetime.date(2027, 6, 7))
    TeacherFactory(organization=w.org, category=category(), category_expires_on=datetime.date(2027, 6, 8))
    TeacherFactory(organization=w.org, category=category(), category_expires_on=datetime.date(2026, 12, 6))
    TeacherFactory(organization=w.org, category=category(), category_expires_on=None)
    due = services.due_for_attestation(Teacher.objects.all(), months=6, today=today)
    assert set(due) == {soon, edge}


def test_mentoring_and_course_rules(w):
    pair = MentoringPair(mentor=w.teacher, mentee=w.teacher, starts_on=TODAY)
    with pytest.raises(ValidationError) as exc:
        save_object(actor=w.department, instance=pair, version=None, code="development.mentoringpair:add")
    assert exc.value.error_dict["mentee"][0].code == "mentor_self"
    course = {
        "teacher": w.teacher,
        "provider": "ИРО",
        "program": "ФГОС",
        "hours": 36,
        "study_form": "distance",
        "direction": "ФГОС",
    }
    save_object(
        actor=w.department,
        instance=Course(starts_on=TODAY, ends_on=TODAY, **course),
        version=None,
        code="development.course:add",
    )
    with pytest.raises(ValidationError) as exc:
        save_object(
            actor=w.department,
            instance=Course(starts_on=TODAY, ends_on=TODAY, **course),
            version=None,
            code="development.course:add",
        )
    assert exc.value.error_dict["__all__"][0].code == "duplicate_course"
    with pytest.raises(ValidationError) as exc:
        save_object(
            actor=w.department,
            instance=Course(starts_on=TODAY, ends_on=TODAY - datetime.timedelta(days=1), **{**course, "program": "x"}),
            version=None,
            code="development.course:add",
        )
    assert exc.value.error_dict["ends_on"][0].code == "period"


def test_event_step_is_accepted_by_hand_with_an_event(w):
    route = new_route(w)
    e = event(w.center, ["М2"])
    step = services.save_step(
        actor=w.teacher_user, route=route, version=None, kind="event", title=e.title, event=e, deadline=TODAY
    )
    assert Route.objects.get(pk=route.pk).version == 2
    assert step.event == e
    assert result  # the factory helper is used by the other tests
