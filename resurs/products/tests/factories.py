"""Products for the products tests: a center with its staff and experts, products in each status.

The factories write rows directly (fast, any status); service tests build through the services."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.catalogs.models import ContentDirection, EducationLevel, Subject
from resurs.centers.tests.factories import CenterFactory
from resurs.people.tests.factories import TeacherFactory
from resurs.products import search
from resurs.products.models import Criterion, Product, ProductAuthor, Publication


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    center = factory.SubFactory(CenterFactory)
    kind = Product.Kind.LESSON
    title = factory.Sequence(lambda n: f"Технологическая карта урока математики № {n}")
    annotation = "Разработка урока с использованием заданий на функциональную грамотность"
    keywords = "урок, математика, функциональная грамотность"
    year = 2026
    status = Product.Status.DRAFT

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        obj.search_text = search.normalize(obj.title, obj.annotation, obj.keywords)
        if create:
            Product.objects.filter(pk=obj.pk).update(search_text=obj.search_text)


def published(**kwargs):
    kwargs.setdefault("published_at", timezone.now())
    return ProductFactory(status=Product.Status.PUBLISHED, **kwargs)


def add_author(product, teacher):
    return ProductAuthor.objects.create(product=product, teacher=teacher, organization=teacher.organization)


def pdf(name="razrabotka.pdf", body=b"%PDF-1.4 lesson"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def zipped(name, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, content in entries.items():
            archive.writestr(entry, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name="razrabotka.docx"):
    return zipped(name, {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def pptx(name="prezentatsiya.pptx"):
    return zipped(name, {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})


def odp(name="prezentatsiya.odp"):
    return zipped(name, {"mimetype": "application/vnd.oasis.opendocument.presentation", "content.xml": "<x/>"})


def mp4(name="video.mp4"):
    return SimpleUploadedFile(name, b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")


def level(short):
    return EducationLevel.objects.get(short_name=short)


def build_products_world(w):
    """On top of the conftest `world`: our center (in w.org) with staff, a sibling center, a far center in another
    municipality, experts of our municipality and of the other one, teachers as authors, a few products."""
    w.center = CenterFactory(organization=w.org, name="Ресурсный центр «Точка роста»")
    w.sibling_center = CenterFactory(organization=w.org2, name="Ресурсный центр «Сириус»")
    w.far_center = CenterFactory(organization=w.other_org, name="Ресурсный центр «Горизонт»")
    w.head = make_user("pr_head", "center_head", "center", w.center)
    w.reporter = make_user("pr_reporter", "center_reporter", "center", w.center)
    w.methodist = make_user("pr_methodist", "methodist", "center", w.center)
    w.organizer = make_user("pr_organizer", "center_organizer", "center", w.center)
    w.sibling_head = make_user("sibling_head", "center_head", "center", w.sibling_center)
    w.far_head = make_user("far_head", "center_head", "center", w.far_center)
    w.expert = make_user("expert", "expert", "municipality", w.mun)
    w.expert2 = make_user("expert2", "expert", "municipality", w.mun)
    w.far_expert = make_user("far_expert", "expert", "municipality", w.other_mun)
    w.teacher2 = TeacherFactory(organization=w.org2)
    w.direction = ContentDirection.objects.order_by("sort_order").first()
    w.subject = Subject.objects.order_by("sort_order").first()
    w.criteria = list(Criterion.objects.filter(is_active=True).order_by("sort_order"))
    w.product = ProductFactory(center=w.center, title="Технологическая карта урока «Дроби»", created_by=w.methodist)
    add_author(w.product, w.teacher)
    w.sibling_product = ProductFactory(center=w.sibling_center, title="Программа кружка «Робототехника»")
    w.far_product = ProductFactory(center=w.far_center, title="Проект «Школьный музей»")
    return w


def full_scores(w, value=4):
    return {str(c.pk): value for c in w.criteria}


def publication(center, channel=Publication.Channel.SOCIAL, **kwargs):
    kwargs.setdefault("title", "Пост о семинаре")
    kwargs.setdefault("date", timezone.localdate())
    return Publication.objects.create(center=center, channel=channel, **kwargs)
