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
