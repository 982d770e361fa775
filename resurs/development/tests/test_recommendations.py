"""Recommendations on a fixed data set with known right answers; accepting adds the step, attending completes it."""

import datetime

import pytest
from django.utils import timezone

from resurs.audit.models import ActionLog
from resurs.centers.tests.factories import CenterFactory
from resurs.common.errors import ServiceError
from resurs.events.models import Event, Registration
from resurs.events.tests.factories import RegistrationFactory
from resurs.territory.tests.factories import OrganizationFactory

from .. import recommendations, services
from ..models import RecommendationSet, Route, RouteStep
from .factories import build_world, competence, event, procedure, result


@pytest.fixture
def w(world):
    w = build_world(world)
    # The teacher's open deficits: М2 (30 %) and Ц1 (40 %); П1 is a strength.
    w.e1 = event(w.center, ["М2"], days=20, title="e1")
    w.e2 = event(w.center, ["М2", "Ц1"], days=30, title="e2")  # covers both deficits: fit 2
    w.e3 = event(w.center, ["М2"], days=10, title="e3")
    w.e4 = event(w.center, ["М2"], days=5, status=Event.Status.DRAFT, title="e4")  # a draft: not proposed
    w.e5 = event(w.center, ["М2"], days=-3, status=Event.Status.PUBLISHED, title="e5")  # past: not proposed
    w.e6 = event(w.center, ["П1"], days=8, title="e6")  # no deficit in П1
    far_org = OrganizationFactory(municipality=w.far_mun)
    w.e7 = event(CenterFactory(organization=far_org), ["М2"], days=4, title="e7")  # another region
    w.e8 = event(w.center, ["Ц1"], days=7, title="e8")
    RegistrationFactory(event=w.e8, teacher=w.teacher)  # already registered: not proposed
    w.e9 = event(w.center, ["М2"], days=40, title="e9")  # the 4th for М2: beyond PER_DEFICIT
    w.e10 = event(w.far_center, ["Ц1"], days=12, title="e10")  # another municipality of our region
    return w


def product(center, codes, days_ago, status="published", title="p"):
    from resurs.products.tests.factories import ProductFactory

    p = ProductFactory(
        center=center,
        title=title,
        status=status,
        published_at=timezone.now() - datetime.timedelta(days=days_ago) if status == "published" else None,
    )
    p.competences.set([competence(c) for c in codes])
    return p


def proposals(teacher):
    return [(p["competence"], p["kind"], p["id"], p["fit"]) for p in recommendations.compute([teacher.pk])[teacher.pk]]


def test_the_fixed_data_set_gives_the_known_proposals(w):
    m2, c1 = w.deficit.competence_id, w.deficit2.competence_id
    # М2 first (the lower share); within it fit 2 before fit 1, then the sooner; e9 is cut at three.
    # Ц1: e2 (fit 2) before e10 (fit 1, same region: the far center is in the other municipality of our region).
    assert proposals(w.teacher) == [
        (m2, "event", w.e2.pk, 2),
        (m2, "event", w.e3.pk, 1),
        (m2, "event", w.e1.pk, 1),
        (c1, "event", w.e2.pk, 2),
        (c1, "event", w.e10.pk, 1),
    ]


def test_published_products_are_proposed_newest_first_within_fit(w):
    p1 = product(w.center, ["М2"], 30, title="p1")
    p2 = product(w.far_center, ["М2", "Ц1"], 60, title="p2")  # covers both: fit 2, any region
    p3 = product(w.center, ["М2"], 5, title="p3")
    product(w.center, ["М2"], 1, status="draft", title="draft")  # not published: never proposed
    product(w.center, ["П1"], 1, title="strength")  # no deficit in П1
    m2, c1 = w.deficit.competence_id, w.deficit2.competence_id
    products = [(c, i, fit) for c, kind, i, fit in proposals(w.teacher) if kind == "product"]
    assert products == [(m2, p2.pk, 2), (m2, p3.pk, 1), (m2, p1.pk, 1), (c1, p2.pk, 2)]
    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
    )
    step = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="product", object_id=p3.pk, competence_id=m2
    )
    assert (step.kind, step.product, step.title, step.deadline) == ("product", p3, "p3", route.period_end)
    products = [(c, i) for c, kind, i, _fit in proposals(w.teacher) if kind == "product"]
    assert products == [(m2, p2.pk), (m2, p1.pk), (c1, p2.pk)]


def test_a_product_step_needs_the_product(w):
    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
    )
    with pytest.raises(ServiceError) as exc:
        services.save_step(
            actor=w.teacher_user, route=route, version=None, kind="product", title="x", deadline=timezone.localdate()
        )
    assert exc.value.code == "product_required"


def test_a_teacher_without_deficits_gets_nothing(w):
    assert recommendations.compute([w.teacher2.pk]) == {}


def test_a_later_result_without_deficit_closes_the_deficit(w):
    later = procedure(w.mun, held_on=timezone.localdate() - datetime.timedelta(days=1), title="Повторная")
    result(later, w.teacher, "М2", 9)
    assert {p[0] for p in proposals(w.teacher)} == {w.deficit2.competence_id}


def test_accepting_adds_the_step_and_the_event_is_no_longer_proposed(w):
    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
        deficits=[w.deficit, w.deficit2],
    )
    step = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="event", object_id=w.e3.pk, competence_id=w.deficit.competence_id
    )
    assert (step.kind, step.event, step.title, step.deadline, step.competence) == (
        "event",
        w.e3,
        "e3",
        timezone.localdate(w.e3.starts_at),
        w.deficit.competence,
    )
    assert ActionLog.objects.filter(code="development.step.added", object_id=str(route.pk)).count() == 1
    m2 = w.deficit.competence_id
    assert [p[2] for p in proposals(w.teacher) if p[0] == m2] == [w.e2.pk, w.e1.pk, w.e9.pk]
    # The same proposal cannot be accepted twice, nor one that was never proposed.
    for object_id in (w.e3.pk, w.e6.pk, w.e4.pk):
        with pytest.raises(ServiceError) as exc:
            services.accept_proposal(
                actor=w.teacher_user, route=route, kind="event", object_id=object_id, competence_id=m2
            )
        assert exc.value.code == "not_proposed"
    assert route.steps.count() == 1


def test_attendance_completes_the_step_of_the_event(w):
    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
    )
    step = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="event", object_id=w.e3.pk, competence_id=w.deficit.competence_id
    )
    other = RegistrationFactory(event=w.e3, teacher=w.teacher2)
    registration = RegistrationFactory(event=w.e3, teacher=w.teacher)
    registration.attendance = other.attendance = Registration.Attendance.ABSENT
    assert services.on_attendance(registrations=[registration, other]) == []
    registration.attendance = Registration.Attendance.PRESENT
    done = services.on_attendance(registrations=[registration])
    assert done == [step]
    step.refresh_from_db()
    assert (step.status, step.by_attendance, step.completed_on) == (
        RouteStep.Status.DONE,
        True,
        timezone.localdate(w.e3.starts_at),
    )
    assert ActionLog.objects.filter(code="development.step.attended", object_id=str(route.pk)).count() == 1
    # Marking again changes nothing.
    assert services.on_attendance(registrations=[registration]) == []


def test_attendance_of_a_closed_route_completes_nothing(w):
    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
    )
    step = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="event", object_id=w.e3.pk, competence_id=w.deficit.competence_id
    )
    services.transition(actor=w.teacher_user, route=route, action="close", reason="Переход в другую школу")
    registration = RegistrationFactory(event=w.e3, teacher=w.teacher, attendance=Registration.Attendance.PRESENT)
    assert services.on_attendance(registrations=[registration]) == []
    step.refresh_from_db()
    assert step.status == RouteStep.Status.PLANNED
    assert Route.objects.get(pk=route.pk).status == Route.Status.CLOSED


def test_the_job_stores_the_proposals_of_the_department_scope(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_recommendations(actor=w.department)
    job.refresh_from_db()
    assert job.status == "done", job.error
    # Every active teacher of the municipality gets a row; only w.teacher has proposals (5, as above).
    stored = {r.teacher_id: r.count for r in RecommendationSet.objects.all()}
    assert stored == {w.teacher.pk: 5, w.teacher2.pk: 0}
    assert job.result == {"teachers": 2, "proposals": 5}


def test_the_job_is_refused_to_a_teacher(w):
    with pytest.raises(ServiceError) as exc:
        services.start_recommendations(actor=w.teacher_user)
    assert exc.value.code == "permission_denied"


def test_marking_attendance_in_the_events_app_completes_the_step(w):
    """Through the events app's own bulk marking and check-in: the callback registered in AppConfig.ready()."""
    from resurs.events import services as event_services

    route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=timezone.localdate(),
        period_end=timezone.localdate() + datetime.timedelta(days=365),
    )
    step = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="event", object_id=w.e3.pk, competence_id=w.deficit.competence_id
    )
    step2 = services.accept_proposal(
        actor=w.teacher_user, route=route, kind="event", object_id=w.e1.pk, competence_id=w.deficit.competence_id
    )
    registration = RegistrationFactory(event=w.e3, teacher=w.teacher)
    started = w.e3.starts_at + datetime.timedelta(minutes=30)
    event_services.mark_attendance(
        actor=w.methodist, event=w.e3, marks={registration.pk: Registration.Attendance.PRESENT}, now=started
    )
    step.refresh_from_db()
    assert (step.status, step.by_attendance) == (RouteStep.Status.DONE, True)
    registration2 = RegistrationFactory(event=w.e1, teacher=w.teacher)
    event_services.check_in(
        actor=w.methodist, event=w.e1, code=registration2.code, now=w.e1.starts_at - datetime.timedelta(minutes=10)
    )
    step2.refresh_from_db()
    assert (step2.status, step2.by_attendance) == (RouteStep.Status.DONE, True)
