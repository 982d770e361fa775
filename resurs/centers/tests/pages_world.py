"""The shared world of the center page tests: three centers, their staff, records and users on each scope."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import ContentDirection, QualificationCategory
from resurs.centers import services
from resurs.centers.models import Agreement, Association, CenterDocument, StaffAssignment
from resurs.people.tests.factories import TeacherFactory

from .factories import CenterFactory

PDF = b"%PDF-1.4 test document\n%%EOF"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def build(w):
    w.today = timezone.localdate()
    w.direction, _ = ContentDirection.objects.get_or_create(name="Цифровая образовательная среда")
    w.org.full_name = "МБОУ «Средняя общеобразовательная школа № 7»"
    w.org.address = "ул. Ленина, 1"
    w.org.save()
    w.center = CenterFactory(
        organization=w.org,
        name="Ресурсный центр «Цифровая школа»",
        term_start=days(-400),
        term_end=days(700),
        email="rc7@school.example",
        phone="+7 (3463) 22-33-44",
    )
    w.center.directions.set([w.direction])
    w.other_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Читающая школа»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Инженерная школа»")

    w.head = make_user("head", "center_head", "center", w.center)
    w.other_head = make_user("other_head", "center_head", "center", w.other_center)
    w.coordinator = make_user("coordinator", "coordinator", "center", w.center)
    w.methodist = make_user("methodist", "methodist", "center", w.center)
    w.reporter = make_user("reporter", "center_reporter", "center", w.center)

    w.highest = QualificationCategory.objects.filter(rank=3).first() or QualificationCategory.objects.create(
        name="Высшая", rank=3
    )
    w.teacher.surname, w.teacher.name, w.teacher.patronymic = "Смирнова", "Ольга", "Игоревна"
    w.teacher.category, w.teacher.experience_specialty = w.highest, 8
    w.teacher.email, w.teacher.phone = "smirnova.private@mail.example", "+7 900 111-22-33"
    w.teacher.birth_date = datetime.date(1985, 4, 12)
    w.teacher.save()
    w.teacher2 = TeacherFactory(organization=w.org2, surname="Кузнецов", name="Андрей", patronymic="Петрович")

    w.staff = StaffAssignment.objects.create(
        center=w.center, role="methodist", full_name="Петрова Анна Сергеевна", starts_on=days(-100)
    )
    w.past_staff = StaffAssignment.objects.create(
        center=w.center, role="reporter", full_name="Орлова Вера Ивановна", starts_on=days(-300), ends_on=days(-30)
    )
    w.association = Association.objects.create(
        center=w.center, kind="gmo", name="ГМО учителей информатики", topic="Цифровая грамотность", head=w.teacher
    )
    w.association.members.set([w.teacher])
    w.agreement = Agreement.objects.create(
        center=w.center,
        party_kind="authority",
        party="Департамент образования",
        number="5",
        date=days(-200),
        subject="О сотрудничестве",
        file=ContentFile(PDF, name="dogovor-5.pdf"),
    )
    w.document = CenterDocument.objects.create(
        center=w.center,
        requirement="regulation",
        title="Положение о ресурсном центре",
        file=ContentFile(PDF, name="polozhenie.pdf"),
    )
    w.order = services.issue_order(
        actor=w.department, issuer=w.mun, kind="creation", number="213", date=days(-400), center=w.center
    )
    return w
