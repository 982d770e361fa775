"""The world of the centers API tests: the shared world plus experts, applications in each status, three centers
with their staff, groups, agreements, documents and orders, and users on each scope."""

import datetime
import io
import zoneinfo
from pathlib import Path

import docx
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import ContentDirection, QualificationCategory
from resurs.centers import services
from resurs.centers.models import (
    Agreement,
    Application,
    ApplicationAttachment,
    ApplicationDeadline,
    Association,
    CenterDocument,
    Review,
    ReviewCriterion,
    StaffAssignment,
)
from resurs.common.tests.matrix import db_state
from resurs.people.tests.factories import TeacherFactory

from .factories import ApplicationFactory, CenterFactory

PDF = b"%PDF-1.4 test document\n%%EOF"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def local_today(municipality):
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(municipality.timezone)).date()


def pdf(name="scan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_text(content):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def all_scores(value=4):
    return {str(c.pk): value for c in ReviewCriterion.objects.filter(is_active=True)}


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def state():
    """Every row of every project model and every stored file: a refused request changes none of them."""
    return {"rows": db_state(), "files": media_files()}


def build(w):
    w.mun.department_name = "Департамент образования администрации города"
    w.mun.save()
    w.org.director = "Петрова Анна Сергеевна"
    w.org.full_name = "МБОУ «Средняя общеобразовательная школа № 7»"
    w.org.save()
    w.direction, _ = ContentDirection.objects.get_or_create(name="Цифровая образовательная среда")
    w.today = local_today(w.mun)
    for municipality in (w.mun, w.other_mun):
        ApplicationDeadline.objects.create(
            municipality=municipality, year=w.today.year, deadline=datetime.date(w.today.year, 12, 31)
        )

    # The expert council of each municipality.
    w.expert = make_user("expert", "expert", "municipality", w.mun)
    w.expert2 = make_user("expert2", "expert", "municipality", w.mun)
    w.other_expert = make_user("other_expert", "expert", "municipality", w.other_mun)

    # Applications: the organization's draft and one under review, another organization's draft, another
    # municipality's application under review.
    w.draft = ApplicationFactory(organization=w.org, title="Ресурсный центр «Цифровая школа»")
    w.draft.directions.set([w.direction])
    w.reviewed = ApplicationFactory(
        organization=w.org,
        title="Ресурсный центр «Инженерная школа»",
        status=Application.Status.UNDER_REVIEW,
        submitted_at=timezone.now(),
    )
    w.reviewed.directions.set([w.direction])
    w.review = Review.objects.create(
        application=w.reviewed, expert=w.expert2, scores=all_scores(4), comment="Хорошая база", recommendation="approve"
    )
    w.attachment = ApplicationAttachment.objects.create(
        application=w.draft, title="Справка о кадрах", file=ContentFile(PDF, name="kadry.pdf")
    )
    w.org2_draft = ApplicationFactory(organization=w.org2, title="Ресурсный центр «Читающая школа»")
    w.far_attachment = ApplicationAttachment.objects.create(
        application=w.org2_draft, title="Справка", file=ContentFile(PDF, name="spravka.pdf")
    )
    w.other_application = ApplicationFactory(
        organization=w.other_org, title="Ресурсный центр «Школа лидеров»", status=Application.Status.UNDER_REVIEW
    )

    # Centers: one of the organization, one of another organization of the municipality, one far away.
    w.center = CenterFactory(
        organization=w.org, name="Ресурсный центр «Точка роста»", term_start=days(-400), term_end=days(700)
    )
    w.center.directions.set([w.direction])
    w.other_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Читающая школа»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Инженерная школа»")
    w.head = make_user("head", "center_head", "center", w.center)
    w.other_head = make_user("other_head", "center_head", "center", w.other_center)
    w.coordinator = make_user("coordinator", "coordinator", "center", w.center)
    w.methodist = make_user("methodist", "methodist", "center", w.center)
    w.reporter = make_user("reporter", "center_reporter", "center", w.center)

    # Teachers: an eligible methodist (highest category, 8 years) and a young one who is not.
    w.highest = QualificationCategory.objects.filter(rank=3).first()
    w.teacher.surname, w.teacher.name, w.teacher.patronymic = "Смирнова", "Ольга", "Игоревна"
    w.teacher.category, w.teacher.experience_total, w.teacher.experience_specialty = w.highest, 10, 8
    w.teacher.save()
    w.young = TeacherFactory(
        organization=w.org2, surname="Кузнецов", name="Андрей", patronymic="Петрович", experience_specialty=1
    )

    w.order = services.issue_order(
        actor=w.department, issuer=w.mun, kind="creation", number="213", date=days(-400), center=w.center
    )
    w.org_order = services.issue_order(
        actor=w.head, issuer=w.org, kind="responsible", number="4", date=days(-300), center=w.center
    )
    w.far_order = services.issue_order(
        actor=w.other_department, issuer=w.other_mun, kind="creation", number="7", date=days(-300), center=w.far_center
    )

    w.staff = StaffAssignment.objects.create(
        center=w.center, role="methodist", full_name="Петрова Анна Сергеевна", starts_on=days(-100)
    )
    w.far_staff = StaffAssignment.objects.create(
        center=w.far_center, role="reporter", full_name="Орлова Вера Ивановна", starts_on=days(-100)
    )
    w.association = Association.objects.create(
        center=w.center, kind="gmo", name="ГМО учителей информатики", topic="Цифровая грамотность", head=w.teacher
    )
    w.association.members.set([w.teacher])
    w.far_association = Association.objects.create(center=w.far_center, kind="creative_group", name="Творческая группа")
    w.agreement = Agreement.objects.create(
        center=w.center,
        party_kind="authority",
        party="Департамент образования",
        number="5",
        date=days(-200),
        subject="О сотрудничестве",
        file=ContentFile(PDF, name="dogovor-5.pdf"),
    )
    w.far_agreement = Agreement.objects.create(
        center=w.far_center, party_kind="social_partner", party="Библиотека", number="1", date=days(-50), subject="О"
    )
    w.document = CenterDocument.objects.create(
        center=w.center,
        requirement="regulation",
        title="Положение о ресурсном центре",
        file=ContentFile(PDF, name="polozhenie.pdf"),
    )
    w.far_document = CenterDocument.objects.create(
        center=w.far_center, requirement="plan", title="План", file=ContentFile(PDF, name="plan.pdf")
    )
    return w
