"""Consultations for the tests: a center with its head, organizer and methodists (staff with accounts), a sibling
center of the same municipality, a far center; requests in each status. Factories write rows directly (any status);
the service tests build through the services."""

import datetime

import factory
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import ContentDirection
from resurs.centers.models import StaffAssignment
from resurs.centers.tests.factories import CenterFactory
from resurs.consultations.models import Consultation
from resurs.people.tests.factories import TeacherFactory


def direction(name="Цифровая образовательная среда"):
    return ContentDirection.objects.get_or_create(name=name)[0]


def in_days(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def staff(center, role, username, first_name, last_name, access_role):
    user = make_user(
        username, access_role, "center", center, first_name=first_name, last_name=last_name, email=f"{username}@rc.ru"
    )
    StaffAssignment.objects.create(
        center=center,
        role=role,
        user=user,
        full_name=f"{last_name} {first_name}",
        starts_on=datetime.date(2026, 1, 1),
    )
    return user


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    center = factory.SubFactory(CenterFactory)
    kind = Consultation.Kind.REMOTE
    topic = factory.Sequence(lambda n: f"Формирующее оценивание на уроках математики {n}")
    direction = factory.LazyFunction(direction)
    question = "Как организовать взаимооценивание в 5 классе?"
    teacher = factory.SubFactory(TeacherFactory)
    organization = factory.LazyAttribute(lambda c: c.teacher.organization)
    status = Consultation.Status.NEW


def build_consultations_world(w):
    """On top of the conftest `world`: our center (in w.org's municipality) with a head, an organizer, two
    methodists; a sibling center of the same municipality with its methodist; a far center; requests of w.teacher
    (new, assigned to w.methodist, closed) and of another organization's teacher to the sibling center."""
    w.center = CenterFactory(organization=w.org2, name="Ресурсный центр «Точка роста»")
    w.sibling_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Сириус»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Горизонт»")
    w.head = staff(w.center, "head", "rc_head", "Ольга", "Смирнова", "center_head")
    w.organizer = staff(w.center, "organizer", "rc_organizer", "Игорь", "Кузнецов", "center_organizer")
    w.methodist = staff(w.center, "methodist", "rc_methodist", "Анна", "Петрова", "methodist")
    w.methodist2 = staff(w.center, "methodist", "rc_methodist2", "Елена", "Волкова", "methodist")
    w.sibling_methodist = staff(w.sibling_center, "methodist", "sib_methodist", "Павел", "Орлов", "methodist")
    w.far_methodist = staff(w.far_center, "methodist", "far_methodist", "Нина", "Зайцева", "methodist")
    w.teacher.email = "teacher@school.ru"
    w.teacher.save()
    w.teacher_user.email = "teacher@school.ru"
    w.teacher_user.save()
    w.direction = direction()
    w.new = ConsultationFactory(center=w.center, teacher=w.teacher, asked_by=w.teacher_user, topic="Новый запрос")
    w.assigned = ConsultationFactory(
        center=w.center,
        teacher=w.teacher,
        asked_by=w.teacher_user,
        topic="Запрос в работе",
        status=Consultation.Status.ASSIGNED,
        methodist=w.methodist,
        assigned_at=timezone.now(),
    )
    w.closed = ConsultationFactory(
        center=w.center,
        teacher=w.teacher,
        asked_by=w.teacher_user,
        topic="Закрытый запрос",
        status=Consultation.Status.CLOSED,
        methodist=w.methodist,
        answer="Ответ методиста",
        answered_at=timezone.now(),
        responded_at=timezone.now(),
        closed_at=timezone.now(),
    )
    w.scheduled = ConsultationFactory(
        center=w.center,
        teacher=w.teacher,
        asked_by=w.teacher_user,
        kind=Consultation.Kind.INDIVIDUAL,
        topic="Встреча назначена",
        status=Consultation.Status.SCHEDULED,
        methodist=w.methodist,
        meeting_at=in_days(-1),
        meeting_place="Кабинет 12",
        responded_at=timezone.now(),
    )
    w.other_teacher2 = TeacherFactory(organization=w.org2)
    w.sibling = ConsultationFactory(
        center=w.sibling_center, teacher=w.other_teacher2, topic="Запрос в другой центр", methodist=w.sibling_methodist
    )
    w.far = ConsultationFactory(center=w.far_center, teacher=w.other_teacher, topic="Дальний запрос")
    return w
