"""Orders as the documents an official signs: the text as issued (frozen), its wording, metadata and file name."""

import datetime
import io
from urllib.parse import quote

import docx
import pytest
from django.urls import reverse

from resurs.catalogs.models import ContentDirection
from resurs.centers import services
from resurs.centers.models import Association, Order
from resurs.common.testing import convert_contents_with_libreoffice
from resurs.people.tests.factories import TeacherFactory

from .factories import ApplicationFactory, CenterFactory

pytestmark = pytest.mark.django_db

NB = "\u00a0"
FULL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»"
GENITIVE = "Муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 1»"
DATIVE = "Муниципальному бюджетному общеобразовательному учреждению «Средняя общеобразовательная школа № 1»"


def nb(text):
    """The text as the engine typesets it: «№» and «г.» bound to what follows."""
    return text.replace("№ ", f"№{NB}").replace("г. Н", f"г.{NB}Н")


def paragraphs(document):
    with document.file.open("rb") as handle:
        return [p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs]


@pytest.fixture
def w(world):
    world.mun.name = "Нефтеюганск"
    world.mun.department_name = "Департамент образования администрации города Нефтеюганска"
    world.mun.department_head = "Сидорова Елена Викторовна"
    world.mun.department_head_position = "Директор департамента образования"
    world.mun.save()
    world.org.full_name, world.org.short_name = FULL_NAME, "МБОУ «СОШ № 1»"
    world.org.director = "Петрова Анна Сергеевна"
    world.org.save()
    world.application = ApplicationFactory(
        organization=world.org,
        title="Ресурсный центр «Цифровая школа»",
        submitted_at=datetime.datetime(2026, 5, 12, 9, 0, tzinfo=datetime.UTC),
        decided_at=datetime.datetime(2026, 6, 5, 9, 0, tzinfo=datetime.UTC),
    )
    world.center = CenterFactory(
        organization=world.org,
        name="Ресурсный центр «Цифровая школа»",
        term_start=datetime.date(2026, 9, 1),
        term_end=datetime.date(2029, 8, 31),
        application=world.application,
    )
    direction, _ = ContentDirection.objects.get_or_create(name="Цифровая образовательная среда")
    world.center.directions.set([direction])
    world.creation = services.issue_order(
        actor=world.department,
        issuer=world.mun,
        kind="creation",
        number="213",
        date=datetime.date(2026, 6, 10),
        center=world.center,
        application=world.application,
        check_scope=False,
    )
    return world


def responsible(w, **kwargs):
    return services.issue_order(
        actor=w.department,
        issuer=w.org,
        kind="responsible",
        number="12",
        date=datetime.date(2026, 12, 4),
        center=w.center,
        data={"persons": [{"full_name": "Иванова Мария Петровна", "function": "organizer"}]},
        **kwargs,
    )


def test_creation_order_names_its_ground_and_place(w):
    assert paragraphs(w.creation.document) == [
        nb("ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА НЕФТЕЮГАНСКА"),
        "ПРИКАЗ",
        f"«10» июня 2026 г.\t№{NB}213",
        f"г.{NB}Нефтеюганск",
        "О присвоении статуса ресурсного центра",
        nb(
            "В соответствии с Положением о ресурсных центрах, на основании решения экспертного совета от 05.06.2026 "
            f"по заявке {GENITIVE} от 12.05.2026,"
        ),
        "ПРИКАЗЫВАЮ:",
        nb(
            f"1. Присвоить {DATIVE} статус «{w.center.kind.name}» по направлению «Цифровая образовательная среда» "
            "на срок с 01.09.2026 по 31.08.2029."
        ),
        "2. Назначить Петрову Анну Сергеевну руководителем ресурсного центра.",
        "3. Руководителю ресурсного центра в месячный срок представить план деятельности на согласование.",
        "4. Контроль за исполнением приказа оставляю за собой.",
        "",
        f"Директор департамента образования\tЕ.В.{NB}Сидорова",
    ]


def test_organization_order_signed_with_initials_and_grounded_on_the_creation_order(w):
    order = responsible(w)
    assert paragraphs(order.document) == [
        nb(FULL_NAME.upper()),
        "ПРИКАЗ",
        f"«04» декабря 2026 г.\t№{NB}12",
        f"г.{NB}Нефтеюганск",
        "О назначении ответственных лиц",
        nb(
            "В соответствии с Положением о ресурсном центре «Цифровая школа», на основании приказа департамента "
            "образования администрации города Нефтеюганска от 10.06.2026 № 213 «О присвоении статуса ресурсного "
            "центра»,"
        ),
        "ПРИКАЗЫВАЮ:",
        "1. Назначить Иванову Марию Петровну ответственной за организацию, координацию и контроль деятельности "
        "ресурсного центра.",
        "2. Контроль за исполнением приказа оставляю за собой.",
        "",
        f"Директор\tА.С.{NB}Петрова",
    ]


def test_coordinator_order_names_the_center(w):
    order = services.issue_order(
        actor=w.department,
        issuer=w.mun,
        kind="coordinator",
        number="220",
        date=datetime.date(2026, 9, 8),
        center=w.center,
        data={"persons": [{"full_name": "Соколов Игорь Владимирович", "function": "coordinator"}]},
    )
    text = paragraphs(order.document)
    assert text[5:8] == [
        nb(
            "В соответствии с Положением о ресурсных центрах, на основании приказа от 10.06.2026 № 213 "
            "«О присвоении статуса ресурсного центра»,"
        ),
        "ПРИКАЗЫВАЮ:",
        nb(
            f"1. Назначить Соколова Игоря Владимировича координатором ресурсного центра «Цифровая школа» на базе {GENITIVE}."
        ),
    ]


def test_termination_declines_the_organization_and_names_the_center_once(w):
    services.terminate_center(
        actor=w.department,
        center=w.center,
        reason="completed",
        order_number="301",
        order_date=datetime.date(2026, 12, 1),
    )
    order = Order.objects.get(center=w.center, kind="termination")
    assert paragraphs(order.document)[4:9] == [
        "О прекращении деятельности ресурсного центра",
        "В соответствии с Положением о ресурсных центрах, в связи с завершением работы по реализуемому "
        "содержательному направлению,",
        "ПРИКАЗЫВАЮ:",
        nb(f"1. Прекратить деятельность ресурсного центра «Цифровая школа» на базе {GENITIVE} с 01.12.2026."),
        "2. Документы ресурсного центра передать на хранение в образовательную организацию.",
    ]


def gmo(w):
    head = TeacherFactory(organization=w.org, surname="Орлова", name="Елена", patronymic="Викторовна")
    member = TeacherFactory(organization=w.org2, surname="Зайцев", name="Павел", patronymic="Ильич")
    association = Association(center=w.center, kind="gmo", name="ГМО учителей математики", head=head)
    services.save_association(
        actor=w.department,
        association=association,
        members=[head, member],
        order_number="15",
        order_date=datetime.date(2026, 9, 15),
    )
    return association, head, member


def test_gmo_order_is_not_a_creative_group_and_names_the_head(w):
    association, head, member = gmo(w)
    text = paragraphs(association.order.document)
    assert text[4:13] == [
        "Об утверждении состава городского методического объединения",
        "В соответствии с Положением о ресурсном центре «Цифровая школа», по согласованию с членами методического "
        "объединения,",
        "ПРИКАЗЫВАЮ:",
        # 001 § 5.8: the head of the ГМО is appointed by the director's order; the members under one point.
        "1. Назначить Орлову Елену Викторовну руководителем ГМО учителей математики.",
        "2. Утвердить состав ГМО учителей математики:",
        nb(f"— Орлова Елена Викторовна, {w.org.short_name} — руководитель;"),
        nb(f"— Зайцев Павел Ильич, {w.org2.short_name}."),
        "3. Контроль за исполнением приказа оставляю за собой.",
        "",
    ]
    assert not any("творческ" in line for line in text)
    assert association.order.title == "Об утверждении состава городского методического объединения"


def test_regenerated_order_keeps_the_text_as_issued(w):
    order = responsible(w)
    issued = paragraphs(order.document)
    # Everything the order names is renamed afterwards.
    w.org.full_name = "Муниципальное автономное общеобразовательное учреждение «Лицей № 5»"
    w.org.short_name, w.org.director = "МАОУ «Лицей № 5»", "Смирнов Олег Юрьевич"
    w.org.save()
    w.mun.name = "Сургут"
    w.mun.department_name = "Департамент образования Администрации города Сургута"
    w.mun.save()
    w.center.name = "Ресурсный центр «Новая школа»"
    w.center.save()
    order = Order.objects.get(pk=order.pk)
    assert services.documents.order_context(order)["issuer"] == w.org.full_name  # today's data did change
    document = services.regenerate_order(actor=w.department, order=order)
    assert document.pk != order.document_id
    assert paragraphs(document) == issued
    assert issued[0] == nb(FULL_NAME.upper()) and issued[-1] == f"Директор\tА.С.{NB}Петрова"
    assert document.download_name == "Приказ № 12 от 04.12.2026 — МБОУ «СОШ № 1».docx"
    # The order's page shows the points as issued too.
    order.refresh_from_db()
    assert order.frozen_context["points"][0].startswith("1. Назначить Иванову Марию Петровну")


def test_order_document_metadata(w):
    order = responsible(w)
    with order.document.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    core = document.core_properties
    assert (core.language, core.title, core.author, core.subject) == (
        "ru-RU",
        "О назначении ответственных лиц",
        FULL_NAME,
        "Приказ № 12 от 04.12.2026",
    )
    assert core.comments == "" and core.created.date() == order.document.generated_at.date()
    defaults = document.styles.element.find(docx.oxml.ns.qn("w:docDefaults"))
    lang = defaults.find(docx.oxml.ns.qn("w:rPrDefault")).find(docx.oxml.ns.qn("w:rPr")).find(docx.oxml.ns.qn("w:lang"))
    assert lang.get(docx.oxml.ns.qn("w:val")) == "ru-RU"


def test_order_downloads_under_a_readable_name(client, w):
    order = responsible(w)
    client.force_login(w.department)
    response = client.get(reverse("centers:order-document", args=[order.pk]))
    assert response.status_code == 200
    name = "Приказ № 12 от 04.12.2026 — МБОУ «СОШ № 1».docx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"Prikaz No 12 ot 04.12.2026 MBOU SOSh No 1.docx\"; filename*=UTF-8''{quote(name, safe='')}"
    )


@pytest.mark.office
def test_every_order_kind_opens_in_libreoffice(w):
    association, _head, _member = gmo(w)
    orders = [w.creation, responsible(w), association.order]
    orders.append(
        services.issue_order(
            actor=w.department,
            issuer=w.mun,
            kind="coordinator",
            date=datetime.date(2026, 9, 8),
            center=w.center,
            data={"persons": [{"full_name": "Соколов Игорь Владимирович", "function": "coordinator"}]},
        )
    )
    orders.append(
        services.issue_order(
            actor=w.department,
            issuer=w.mun,
            kind="term",
            date=datetime.date(2026, 9, 9),
            center=w.center,
            data={"points": ["Установить срок деятельности ресурсного центра по 31.08.2029."]},
        )
    )
    services.terminate_center(actor=w.department, center=w.center, reason="ineffective")
    orders.append(Order.objects.get(center=w.center, kind="termination"))
    assert sorted(o.kind for o in orders) == sorted(Order.Kind.values)
    files = {}
    for order in orders:
        with order.document.file.open("rb") as handle:
            files[f"{order.kind}.docx"] = handle.read()
    for name, pdf in convert_contents_with_libreoffice(files).items():
        assert pdf.startswith(b"%PDF-"), name
