"""Events and registrations for the events tests: a center with its staff, events in each status, registrations.

The factories write rows directly (fast, any status); service tests build through the services."""

import datetime

import factory
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import WorkForm
from resurs.centers.models import Association
from resurs.centers.tests.factories import CenterFactory
from resurs.events.models import Event, Registration
from resurs.people.tests.factories import TeacherFactory


def form(name="Семинар"):
    return WorkForm.objects.get(name=name)


def in_days(days, hour=15):
    """An aware datetime `days` from today at `hour` local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    center = factory.SubFactory(CenterFactory)
    form = factory.LazyFunction(form)
    title = factory.Sequence(lambda n: f"Семинар «Функциональная грамотность {n}»")
    description = "Практикум для учителей"
    starts_at = factory.LazyFunction(lambda: in_days(14))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=2))
    venue = factory.LazyAttribute(lambda e: e.center.organization)
    room = "Актовый зал"
    capacity = 30
    registration_opens_at = factory.LazyFunction(lambda: in_days(-7))
    registration_closes_at = factory.LazyFunction(lambda: in_days(13))
    status = Event.Status.OPEN


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    teacher = factory.SubFactory(TeacherFactory)
    status = Registration.Status.CONFIRMED
    source = Registration.Source.SELF


def build_events_world(w):
    """On top of the conftest `world`: our center (in w.org) with its staff, a sibling center of the same
    municipality, a far center of another municipality; an open event of each; an association; a held meeting."""
    w.center = CenterFactory(organization=w.org, name="Ресурсный центр «Точка роста»")
    w.sibling_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Сириус»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Горизонт»")
    w.association = Association.objects.create(center=w.center, kind="gmo", name="ГМО учителей математики")
    w.head = make_user("ev_head", "center_head", "center", w.center, email="head@school.ru")
    w.organizer = make_user("ev_organizer", "center_organizer", "center", w.center, email="org@school.ru")
    w.methodist = make_user("ev_methodist", "methodist", "center", w.center, email="met@school.ru")
    w.reporter = make_user("ev_reporter", "center_reporter", "center", w.center)
    w.sibling_organizer = make_user("sibling_organizer", "center_organizer", "center", w.sibling_center)
    w.far_organizer = make_user("far_organizer", "center_organizer", "center", w.far_center)
    w.teacher.email = "teacher@school.ru"
    w.teacher.save()
    w.teacher2 = TeacherFactory(organization=w.org, email="teacher2@school.ru")
    w.event = EventFactory(center=w.center, title="Семинар «Формирующее оценивание»")
    w.sibling_event = EventFactory(center=w.sibling_center, title="Мастер-класс «Цифровой урок»")
    w.far_event = EventFactory(center=w.far_center, title="Круглый стол «Наставничество»")
    w.draft = EventFactory(center=w.center, title="Черновик: вебинар", status=Event.Status.DRAFT)
    w.meeting = EventFactory(
        center=w.center,
        association=w.association,
        form=form("Заседание"),
        title="Заседание ГМО учителей математики № 1",
        starts_at=in_days(-3),
        ends_at=in_days(-3, hour=17),
        registration_opens_at=None,
        registration_closes_at=None,
        status=Event.Status.HELD,
    )
    return w
