"""The world of the application workflow tests: the shared world plus experts, a deadline open all year,
applications in each status, a center with its head and orders of each issuer."""

import datetime
import io
import zoneinfo

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import ContentDirection
from resurs.centers import services
from resurs.centers.models import Application, ApplicationDeadline, CenterKind, ReviewCriterion

from .factories import ApplicationFactory, CenterFactory

PDF = b"%PDF-1.4 test document"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def pdf(name="scan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def local_today(municipality):
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(municipality.timezone)).date()


def docx_text(field_file):
    with field_file.open("rb") as handle:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)


def docx_bytes(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def all_scores(value=4):
    return {str(c.pk): value for c in ReviewCriterion.objects.filter(is_active=True)}


def build(world):
    w = world
    w.mun.department_name = "Департамент образования администрации города"
    w.mun.save()
    w.org.director = "Петрова Анна Сергеевна"
    w.org.full_name = "МБОУ «Средняя общеобразовательная школа № 7»"
    w.org.save()
    w.expert = make_user("expert", "expert", "municipality", w.mun)
    w.expert2 = make_user("expert2", "expert", "municipality", w.mun)
    w.other_expert = make_user("other_expert", "expert", "municipality", w.other_mun)
    w.direction, _ = ContentDirection.objects.get_or_create(name="Цифровая образовательная среда")
    w.kind = CenterKind.objects.get(code="school_rc")
    w.today = local_today(w.mun)
    # Open for the whole current year, so the pages' submissions are on time whatever day the suite runs.
    w.deadline = ApplicationDeadline.objects.create(
        municipality=w.mun, year=w.today.year, deadline=datetime.date(w.today.year, 12, 31)
    )
    w.other_deadline = ApplicationDeadline.objects.create(
        municipality=w.other_mun, year=w.today.year, deadline=datetime.date(w.today.year, 12, 31)
    )
    w.draft = ApplicationFactory(organization=w.org, title="Ресурсный центр «Цифровая школа»")
    w.draft.directions.set([w.direction])
    w.reviewed = ApplicationFactory(
        organization=w.org2, title="Ресурсный центр «Инженерная школа»", status=Application.Status.UNDER_REVIEW
    )
    w.reviewed.directions.set([w.direction])
    w.other_application = ApplicationFactory(
        organization=w.other_org, title="Ресурсный центр «Школа лидеров»", status=Application.Status.UNDER_REVIEW
    )
    w.criterion = ReviewCriterion.objects.order_by("sort_order").first()
    w.center = CenterFactory(organization=w.org, name="Ресурсный центр «Точка роста»")
    w.head = make_user("head", "center_head", "center", w.center)
    w.order = services.issue_order(
        actor=w.department, issuer=w.mun, kind="term", date=datetime.date(2026, 2, 1), number="10", center=w.center
    )
    w.other_order = services.issue_order(
        actor=w.other_department, issuer=w.other_mun, kind="term", date=datetime.date(2026, 2, 1), number="10"
    )
    w.org_order = services.issue_order(
        actor=w.head,
        issuer=w.org,
        kind="responsible",
        date=datetime.date(2026, 3, 2),
        number="4",
        center=w.center,
        data={"persons": [{"full_name": "Сидорова Ольга Ивановна", "function": "reporter"}]},
    )
    return w
