"""Development records for the tests: a center supporting the association the world's teacher is a member of, its
methodist, diagnostics with deficits, upcoming events tagged with competences, routes built through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import Competence
from resurs.centers.models import Association
from resurs.centers.tests.factories import CenterFactory
from resurs.events.models import Event
from resurs.events.tests.factories import EventFactory, in_days
from resurs.people.tests.factories import TeacherFactory

from ..models import DiagnosticProcedure, DiagnosticResult


def competence(code):
    return Competence.objects.get(code=code)


def procedure(municipality, *, held_on=None, level="municipal", threshold=50, center=None, title="Диагностика"):
    return DiagnosticProcedure.objects.create(
        title=title,
        level=level,
        held_on=held_on or timezone.localdate() - datetime.timedelta(days=30),
        instrument="Тест, 25 заданий",
        threshold=Decimal(threshold),
        municipality=municipality,
        center=center,
    )


def result(proc, teacher, code, score, max_score=10, level=""):
    return DiagnosticResult.objects.create(
        procedure=proc,
        teacher=teacher,
        competence=competence(code),
        score=Decimal(score),
        max_score=Decimal(max_score),
        level=level,
    )


def event(center, codes, days=14, status=Event.Status.OPEN, title=None):
    e = EventFactory(center=center, starts_at=in_days(days), status=status, **({"title": title} if title else {}))
    e.competences.set([competence(c) for c in codes])
    return e


def build_world(w):
    """Our center (in w.org) with its methodist and head; the association whose member is w.teacher; a far center
    with its methodist; a diagnostic of our center where w.teacher has deficits in М2 (30 %) and Ц1 (40 %)."""
    w.center = CenterFactory(organization=w.org, name="Ресурсный центр «Точка роста»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Горизонт»")
    w.association = Association.objects.create(center=w.center, kind="gmo", name="ГМО учителей математики")
    w.association.members.add(w.teacher)
    w.methodist = make_user("dev_methodist", "methodist", "center", w.center)
    w.far_methodist = make_user("dev_far_methodist", "methodist", "center", w.far_center)
    w.teacher2 = TeacherFactory(organization=w.org2)  # our municipality, not a member of the association
    w.diagnostic = procedure(w.mun, center=w.center, title="Диагностика методических компетенций")
    w.deficit = result(w.diagnostic, w.teacher, "М2", 3)  # 30 %: a deficit
    w.deficit2 = result(w.diagnostic, w.teacher, "Ц1", 4)  # 40 %: a deficit
    w.strength = result(w.diagnostic, w.teacher, "П1", 8)  # 80 %: no deficit
    w.result2 = result(w.diagnostic, w.teacher2, "М2", 9)
    w.far_diagnostic = procedure(w.other_mun, center=w.far_center, title="Диагностика соседей")
    w.far_result = result(w.far_diagnostic, w.other_teacher, "М2", 2)
    return w


def build_records(w):
    """On top of build_world: one record of each kind for our teacher and one for the far teacher (another
    municipality, supported by the far center)."""
    import datetime as dt

    from resurs.catalogs.models import QualificationCategory

    from .. import services
    from ..models import Attestation, Course, ExperienceSharing, MentoringPair

    today = timezone.localdate()
    w.far_association = Association.objects.create(center=w.far_center, kind="gmo", name="ГМО соседей")
    w.far_association.members.add(w.other_teacher)
    w.route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=today,
        period_end=today + dt.timedelta(days=300),
        center=w.center,
        tutor=w.methodist,
        deficits=[w.deficit],
        goals="Устранить дефицит М2",
    )
    w.step = services.save_step(
        actor=w.teacher_user,
        route=w.route,
        version=None,
        kind="self_education",
        title="Изучить методические рекомендации",
        deadline=today + dt.timedelta(days=20),
    )
    w.far_route = services.create_route(
        actor=w.far_methodist,
        teacher=w.other_teacher,
        period_start=today,
        period_end=today + dt.timedelta(days=300),
        center=w.far_center,
    )
    common = {"provider": "ИРО", "hours": 36, "study_form": "distance", "direction": "ФГОС"}
    w.course = Course.objects.create(
        teacher=w.teacher, program="Обновлённые ФГОС", starts_on=today, ends_on=today, **common
    )
    w.far_course = Course.objects.create(
        teacher=w.other_teacher, program="Цифровой урок", starts_on=today, ends_on=today, **common
    )
    w.sharing = ExperienceSharing.objects.create(
        teacher=w.teacher, venue="city_association", held_on=today, topic="Смысловое чтение"
    )
    w.far_sharing = ExperienceSharing.objects.create(
        teacher=w.other_teacher, venue="school_association", held_on=today, topic="Проекты"
    )
    w.pair = MentoringPair.objects.create(mentor=w.teacher2, mentee=w.teacher, starts_on=today, plan="План")
    w.far_mentor = TeacherFactory(organization=w.other_org)
    w.far_pair = MentoringPair.objects.create(mentor=w.far_mentor, mentee=w.other_teacher, starts_on=today)
    category = QualificationCategory.objects.filter(kind="category").order_by("-rank").first()
    w.attestation = Attestation.objects.create(
        teacher=w.teacher, category=category, decided_on=dt.date(2024, 5, 20), order_number="№ 100"
    )
    w.far_attestation = Attestation.objects.create(
        teacher=w.other_teacher, category=category, decided_on=dt.date(2024, 5, 20), order_number="№ 101"
    )
    return w
