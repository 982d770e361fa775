"""The center registry and the center page: filters, export, tabs, staff, associations, agreements, documents,
termination and the read-only state of a terminated center."""

import datetime
import io

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.audit.models import ActionLog
from resurs.catalogs.models import ContentDirection, QualificationCategory
from resurs.centers import services
from resurs.centers.models import (
    Agreement,
    Association,
    CenterDocument,
    CenterKind,
    Order,
    StaffAssignment,
)
from resurs.centers.tasks import expire_centers_task
from resurs.common.errors import ServiceError
from resurs.common.models import Job
from resurs.common.testing import count_queries, read_xlsx
from resurs.common.tests.matrix import db_state

from .factories import CenterFactory
from .pages_world import PDF, build, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build(world)


@pytest.fixture(autouse=True)
def english(client):
    """The assertions read the English texts (the msgids), whatever the Russian catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def login(client, user):
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- registry ----------------------------------------------------------------------------------------


def registry_names(client, query=""):
    response = client.get(reverse("centers:center-list") + query)
    assert response.status_code == 200
    return sorted(row.record.name for row in response.context["table"].page.object_list)


def test_registry_filters(client, w):
    w.far_center.delete()
    w.other_center.term_end = days(30)
    w.other_center.save()
    third = CenterFactory(
        organization=w.org2, name="Ресурсный центр «Здоровая школа»", kind=CenterKind.objects.get(code="municipal_rimc")
    )
    services.terminate_center(actor=w.department, center=third, reason="completed")
    login(client, w.regional)
    everything = [
        "Ресурсный центр «Здоровая школа»",
        "Ресурсный центр «Цифровая школа»",
        "Ресурсный центр «Читающая школа»",
    ]
    assert registry_names(client) == everything
    assert registry_names(client, f"?municipality={w.mun.pk}") == everything
    assert registry_names(client, f"?municipality={w.other_mun.pk}") == []
    assert registry_names(client, "?kind=" + str(CenterKind.objects.get(code="municipal_rimc").pk)) == [
        "Ресурсный центр «Здоровая школа»"
    ]
    assert registry_names(client, "?status=terminated") == ["Ресурсный центр «Здоровая школа»"]
    assert registry_names(client, "?status=active") == everything[1:]
    assert registry_names(client, f"?direction={w.direction.pk}") == ["Ресурсный центр «Цифровая школа»"]
    assert registry_names(client, "?ends_within=60") == ["Ресурсный центр «Читающая школа»"]
    assert registry_names(client, "?ends_within=29") == []
    assert registry_names(client, "?q=Читающая") == ["Ресурсный центр «Читающая школа»"]


def test_registry_municipality_choices_are_where_the_user_sees_centers(client, w):
    login(client, w.head)
    form = client.get(reverse("centers:center-list")).context["filter"].form
    assert list(form.fields["municipality"].queryset) == [w.mun]


def test_registry_flags_centers_ending_within_60_days(client, w):
    w.other_center.term_end = days(60)
    w.other_center.save()
    w.far_center.term_end = days(61)
    w.far_center.save()
    login(client, w.regional)
    content = page(client, reverse("centers:center-list"))
    assert content.count('<span class="badge text-bg-warning">ends soon</span>') == 1
    row = content.split(w.other_center.name)[1].split("</tr>")[0]
    assert days(60).strftime("%d.%m.%Y") + ' <span class="badge text-bg-warning">ends soon</span>' in row
    # The center's own page carries the flag too.
    assert "term ends soon" in page(client, w.other_center.get_absolute_url())
    assert "term ends soon" not in page(client, w.far_center.get_absolute_url())


def _make_centers(w, n, start):
    directions = [ContentDirection.objects.get_or_create(name=f"Направление {i}")[0] for i in range(3)]
    for i in range(start, start + n):
        center = CenterFactory(organization=w.org, name=f"Центр {i:03d}", term_end=days(10 + i))
        center.directions.set(directions[: 1 + i % 3])


def test_registry_query_count_does_not_grow_with_rows(client, w):
    login(client, w.department)
    url = reverse("centers:center-list") + "?ordering=name"
    _make_centers(w, 3, 0)  # with the world's two centers of the municipality: 5 rows
    client.get(url)  # warm caches (content types, sessions)
    with count_queries() as few:
        response = client.get(url)
    assert len(response.context["table"].page.object_list) == 5
    _make_centers(w, 45, 3)
    with count_queries() as many:
        response = client.get(url)
    assert len(response.context["table"].page.object_list) == 50
    assert many.count == few.count


def test_registry_export_reopened(client, w, django_capture_on_commit_callbacks):
    services.assign_staff(
        actor=w.department, center=w.center, role="head", full_name="Петрова Анна Сергеевна", starts_on=days(-50)
    )
    w.other_center.term_end = days(20)
    w.other_center.save()
    login(client, w.department)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("centers:center-list") + "?_export=xlsx&ordering=name", HTTP_ACCEPT_LANGUAGE="en")
    job = Job.objects.get(user=w.department)
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"rows": 2})
    with job.result_file.open("rb") as f:
        rows = read_xlsx(f)
    assert rows[0] == [
        "Name",
        "Municipality",
        "Base organization",
        "Kind",
        "Content directions",
        "Term from",
        "Term until",
        "Term ends soon",
        "Status",
        "Terminated on",
        "Termination reason",
        "Head",
        "E-mail",
        "Phone",
        "Website",
    ]
    assert rows[1] == [
        "Ресурсный центр «Цифровая школа»",
        w.mun.name,
        w.org.short_name,
        w.center.kind.name,
        "Цифровая образовательная среда",
        datetime.datetime.combine(days(-400), datetime.time()),
        datetime.datetime.combine(days(700), datetime.time()),
        None,
        "active",
        None,
        None,
        "Петрова Анна Сергеевна",
        "rc7@school.example",
        "+7 (3463) 22-33-44",
        None,
    ]
    assert rows[2][0] == "Ресурсный центр «Читающая школа»"
    assert rows[2][7] == "yes"
    assert len(rows) == 3  # the other municipality's center is not exported


def test_registry_in_the_menu(client, w):
    login(client, w.department)
    assert f'href="{reverse("centers:center-list")}"' in page(client, reverse("home"))
    login(client, w.teacher_user)
    assert f'href="{reverse("centers:center-list")}"' not in page(client, reverse("home"))


# --- overview and tabs ----------------------------------------------------------------------------------


def test_overview_shows_the_center_and_its_orders(client, w):
    login(client, w.head)
    content = page(client, w.center.get_absolute_url())
    for text in (
        "Ресурсный центр на базе общеобразовательной организации",
        "МБОУ «Средняя общеобразовательная школа № 7», ул. Ленина, 1",
        "Цифровая образовательная среда",
        f"{days(-400):%d.%m.%Y} — {days(700):%d.%m.%Y}",
        "rc7@school.example",
        "+7 (3463) 22-33-44",
        "Order No. 213 of " + days(-400).strftime("%d.%m.%Y"),
        reverse("centers:center-order-document", args=[w.center.pk, w.order.pk]),
        reverse("centers:center-update", args=[w.center.pk]),
    ):
        assert text in content, text
    assert reverse("centers:center-terminate", args=[w.center.pk]) not in content  # the head cannot terminate
    assert "read-only-banner" not in content


def test_tabs_follow_the_codes(client, w):
    login(client, w.org_admin)  # sees the center of its organization, not its staff or documents
    content = page(client, w.center.get_absolute_url())
    assert reverse("centers:center-history", args=[w.center.pk]) in content
    for name in ("center-staff", "center-associations", "center-agreements", "center-documents"):
        assert reverse(f"centers:{name}", args=[w.center.pk]) not in content
    login(client, w.coordinator)
    content = page(client, w.center.get_absolute_url())
    for name in ("center-staff", "center-associations", "center-agreements", "center-documents", "center-history"):
        assert reverse(f"centers:{name}", args=[w.center.pk]) in content
    for name in ("center-update", "center-terminate"):
        assert reverse(f"centers:{name}", args=[w.center.pk]) not in content


def test_history_tab_shows_the_audit_of_the_center(client, w):
    services.assign_staff(
        actor=w.department, center=w.center, role="reporter", full_name="Сидоров Иван Петрович", starts_on=days(-1)
    )
    login(client, w.coordinator)
    content = page(client, reverse("centers:center-history", args=[w.center.pk]))
    assert "Staff member appointed" in content


# --- staff --------------------------------------------------------------------------------------------


def test_staff_tab_current_and_past(client, w):
    login(client, w.head)
    response = client.get(reverse("centers:center-staff", args=[w.center.pk]))
    assert [s.full_name for s in response.context["current"]] == ["Петрова Анна Сергеевна"]
    assert [s.full_name for s in response.context["past"]] == ["Орлова Вера Ивановна"]
    content = response.content.decode()
    assert reverse("centers:staff-end", args=[w.staff.pk]) in content
    assert reverse("centers:staff-end", args=[w.past_staff.pk]) not in content


def test_teacher_choice_shows_only_what_the_work_needs(client, w):
    login(client, w.head)
    response = client.get(reverse("centers:staff-create", args=[w.center.pk]))
    form = response.context["form"]
    # The municipality's teachers only are offered (the service refuses any other with teacher_outside).
    assert [value for value, _label in form.fields["teacher"].widget.choices][1:] == [w.teacher2.pk, w.teacher.pk]
    content = response.content.decode()
    assert (
        f'<option value="{w.teacher.pk}">Смирнова Ольга Игоревна — {w.org.short_name}, Высшая, 8 years in the specialty</option>'
        in content
    )
    for private in ("smirnova.private@mail.example", "+7 900 111-22-33", "12.04.1985", "1985-04-12"):
        assert private not in content
    assert w.other_teacher.full_name not in content


def test_methodist_warning_then_override(client, w):
    first = QualificationCategory.objects.filter(rank=1).first() or QualificationCategory.objects.create(
        name="Соответствие занимаемой должности", rank=1
    )
    w.teacher.category, w.teacher.experience_specialty = first, 2
    w.teacher.save()
    login(client, w.head)
    url = reverse("centers:staff-create", args=[w.center.pk])
    data = {"role": "methodist", "teacher": w.teacher.pk, "starts_on": str(days(-1))}
    before = db_state()
    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "A methodist must have the first or the highest qualification category (001 § 5.7)." in content
    assert "A methodist must have worked in the specialty for at least three years (001 § 5.7)." in content
    assert response.context["form"].errors["override_reason"] == ["To appoint anyway, give the reason."]
    assert db_state() == before
    response = client.post(url, data | {"override_reason": "Единственный специалист по робототехнике"})
    assert response.status_code == 302
    staff = StaffAssignment.objects.get(center=w.center, teacher=w.teacher)
    assert (staff.role, staff.override_reason, staff.full_name) == (
        "methodist",
        "Единственный специалист по робототехнике",
        "Смирнова Ольга Игоревна",
    )
    log = ActionLog.objects.get(code="centers.staff.appointed")
    assert log.data["override_reason"] == "Единственный специалист по робототехнике"
    assert len(log.data["warnings"]) == 2


def test_eligible_methodist_needs_no_reason(client, w):
    login(client, w.department)
    response = client.post(
        reverse("centers:staff-create", args=[w.center.pk]),
        {"role": "methodist", "teacher": w.teacher.pk, "starts_on": str(days(-1))},
    )
    assert response.status_code == 302
    assert StaffAssignment.objects.get(center=w.center, teacher=w.teacher).override_reason == ""


def test_external_specialist_needs_the_contract(client, w):
    login(client, w.head)
    url = reverse("centers:staff-create", args=[w.center.pk])
    data = {"role": "external", "full_name": "Волков Павел Андреевич", "starts_on": str(days(-1))}
    before = db_state()
    response = client.post(url, data)
    assert response.context["form"].errors["contract"] == ["Give the contract of the external specialist (004 § 3.4)."]
    assert db_state() == before
    assert client.post(url, data | {"contract": "ГПХ № 14 от 01.09.2026"}).status_code == 302
    assert StaffAssignment.objects.get(role="external").contract == "ГПХ № 14 от 01.09.2026"


def test_teacher_of_another_municipality_cannot_be_chosen(client, w):
    login(client, w.department)
    before = db_state()
    response = client.post(
        reverse("centers:staff-create", args=[w.center.pk]),
        {"role": "organizer", "teacher": w.other_teacher.pk, "starts_on": str(days(-1))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["teacher"][0].code == "invalid_choice"  # not offered, like no id
    assert db_state() == before


def test_end_appointment_before_start_is_refused(client, w):
    login(client, w.head)
    before = db_state()
    response = client.post(reverse("centers:staff-end", args=[w.staff.pk]), {"ends_on": str(days(-200))})
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["The appointment cannot end before it starts."]
    assert db_state() == before


# --- associations -------------------------------------------------------------------------------------


def test_association_with_new_order_of_the_base_organization(client, w):
    login(client, w.head)
    response = client.post(
        reverse("centers:association-create", args=[w.center.pk]),
        {
            "kind": "creative_group",
            "name": "Творческая группа «Цифра»",
            "topic": "Смешанное обучение",
            "head": w.teacher.pk,
            "members": [w.teacher.pk, w.teacher2.pk],
            "is_active": "on",
            "new_order_number": "45-о",
            "new_order_date": str(days(-2)),
        },
    )
    group = Association.objects.get(name="Творческая группа «Цифра»")
    assert response["Location"] == group.get_absolute_url()
    order = group.order
    assert (order.kind, order.number, order.issuer_organization, order.center) == ("group", "45-о", w.org, w.center)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(order.document.file.read())).paragraphs)
    assert (
        "1. Назначить Смирнову Ольгу Игоревну руководителем творческой группы «Цифра».\n"
        "2. Утвердить состав творческой группы «Цифра»:\n"
        f"— Смирнова Ольга Игоревна, {w.teacher.organization.short_name} — руководитель;\n"
        f"— Кузнецов Андрей Петрович, {w.teacher2.organization.short_name}.\n"
    ).replace("№ ", "№\u00a0") in text
    content = page(client, group.get_absolute_url())
    assert "Кузнецов Андрей Петрович" in content and "Order No. 45-о" in content


def test_association_member_from_another_municipality_refused(client, w):
    login(client, w.department)
    before = db_state()
    response = client.post(
        reverse("centers:association-update", args=[w.association.pk]),
        {"kind": "gmo", "name": "ГМО", "members": [w.other_teacher.pk], "version_seen": "1"},
    )
    assert response.status_code == 200 and "members" in response.context["form"].errors
    assert db_state() == before
    # The service refuses it too, whatever the form offered.
    with pytest.raises(ServiceError) as exc:
        services.save_association(actor=w.department, association=w.association, members=[w.other_teacher], version=1)
    assert exc.value.code == "member_outside"
    assert db_state() == before


def test_association_concurrent_edit_refused(client, w):
    login(client, w.head)
    Association.objects.filter(pk=w.association.pk).update(version=2)
    before = db_state()
    response = client.post(
        reverse("centers:association-update", args=[w.association.pk]),
        {"kind": "gmo", "name": "ГМО (новое)", "members": [w.teacher.pk], "version_seen": "1", "new_order_number": "9"},
    )
    assert response.status_code == 200
    assert "was changed by" in response.context["form"].non_field_errors()[0]
    assert db_state() == before  # and no order was issued


# --- agreements ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("dogovor.exe", b"MZ\x90\x00"), "File type .exe is not allowed."),
        (SimpleUploadedFile("dogovor.pdf", b"PK\x03\x04 not a pdf"), "The file content does not match its type .pdf."),
    ],
)
def test_agreement_upload_validated(client, w, upload, message):
    login(client, w.head)
    before = db_state()
    response = client.post(
        reverse("centers:agreement-create", args=[w.center.pk]),
        {
            "party_kind": "social_partner",
            "party": "Городская библиотека",
            "number": "3",
            "date": str(days(-3)),
            "subject": "Совместные мероприятия",
            "file": upload,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(message)
    assert db_state() == before


def test_agreement_party_needed_and_dates_ordered(client, w):
    login(client, w.head)
    url = reverse("centers:agreement-create", args=[w.center.pk])
    data = {"party_kind": "social_partner", "number": "3", "date": str(days(-3)), "subject": "Совместные мероприятия"}
    before = db_state()
    response = client.post(url, data)
    assert response.context["form"].errors["party"] == ["Name the party or choose its organization."]
    response = client.post(url, data | {"party": "Библиотека", "starts_on": str(days(5)), "ends_on": str(days(1))})
    assert response.context["form"].errors["ends_on"] == ["The agreement cannot end before it starts."]
    assert db_state() == before


# --- documents ----------------------------------------------------------------------------------------


def test_documents_checklist(client, w):
    login(client, w.methodist)
    response = client.get(reverse("centers:center-documents", args=[w.center.pk]))
    checklist = {item["code"]: item for item in response.context["checklist"]}
    assert list(checklist) == ["order_creation", "regulation", "plan", "methodical", "reports"]
    assert [(code, item["present"]) for code, item in checklist.items()] == [
        ("order_creation", True),  # the generated creation order
        ("regulation", True),  # the uploaded file
        ("plan", False),
        ("methodical", False),
        ("reports", False),
    ]
    assert checklist["order_creation"]["orders"] == [w.order]
    assert checklist["regulation"]["documents"] == [w.document]
    assert response.context["missing"] == 3
    content = response.content.decode()
    assert "3 documents missing" in content
    assert reverse("centers:document-upload", args=[w.center.pk, "plan"]) in content
    client.post(
        reverse("centers:document-upload", args=[w.center.pk, "plan"]),
        {"plan-file": SimpleUploadedFile("plan-2026.docx", b"PK\x03\x04 docx")},
    )
    doc = CenterDocument.objects.get(center=w.center, requirement="plan")
    assert (doc.title, doc.uploaded_by) == ("План деятельности ресурсного центра", w.methodist)
    assert client.get(reverse("centers:center-documents", args=[w.center.pk])).context["missing"] == 2
    assert ActionLog.objects.get(code="centers.document.added").data == {
        "requirement": "plan",
        "title": "План деятельности ресурсного центра",
    }


def documents_reader(w):
    """A user who reads the center's documents but holds no order code (a role an administrator may configure)."""
    from resurs.accounts.models import Role
    from resurs.accounts.testing import grant_role, make_user

    Role.objects.create(
        code="documents_reader",
        name="Documents reader",
        scope_kinds=["center"],
        permissions=["centers.center:view", "centers.centerdocument:view"],
    )
    user = make_user("documents_reader")
    grant_role(user, "documents_reader", "center", w.center)
    return user


def test_documents_checklist_shows_only_the_orders_the_user_may_see(client, w):
    login(client, documents_reader(w))
    response = client.get(reverse("centers:center-documents", args=[w.center.pk]))
    assert response.status_code == 200
    checklist = {item["code"]: item for item in response.context["checklist"]}
    assert (checklist["order_creation"]["orders"], checklist["order_creation"]["present"]) == ([], False)
    assert checklist["regulation"]["documents"] == [w.document]
    assert str(w.order) not in response.content.decode()
    # The center's head sees the same order (orders of the center are in its scope).
    login(client, w.head)
    response = client.get(reverse("centers:center-documents", args=[w.center.pk]))
    assert {item["code"]: item for item in response.context["checklist"]}["order_creation"]["orders"] == [w.order]


def test_document_upload_refusals(client, w):
    login(client, w.head)
    before = db_state()
    response = client.post(
        reverse("centers:document-upload", args=[w.center.pk, "budget"]),
        {"budget-file": SimpleUploadedFile("smeta.pdf", PDF)},
    )
    assert response.status_code == 200
    assert "This document is not on the checklist of the center&#x27;s kind." in response.content.decode()
    response = client.post(
        reverse("centers:document-upload", args=[w.center.pk, "plan"]),
        {"plan-file": SimpleUploadedFile("plan.txt", b"text")},
    )
    assert "File type .txt is not allowed." in response.content.decode()
    assert db_state() == before


# --- termination and read-only -----------------------------------------------------------------------


def test_termination_form_offers_no_expired_and_other_needs_text(client, w):
    login(client, w.department)
    url = reverse("centers:center-terminate", args=[w.center.pk])
    form = client.get(url).context["form"]
    assert [v for v, _label in form.fields["reason"].choices] == ["ineffective", "completed", "improper", "other"]
    before = db_state()
    response = client.post(url, {"reason": "other", "text": " ", "order_date": str(days(-1))})
    assert response.context["form"].errors["text"] == ["Describe the reason for termination."]
    response = client.post(url, {"reason": "expired", "order_date": str(days(-1))})
    assert "reason" in response.context["form"].errors
    assert db_state() == before
    response = client.post(
        url,
        {"reason": "other", "text": "Реорганизация базовой школы", "order_number": "301", "order_date": str(days(-1))},
    )
    assert response.status_code == 302
    w.center.refresh_from_db()
    assert (w.center.status, w.center.termination_text) == ("terminated", "Реорганизация базовой школы")
    assert Order.objects.get(kind="termination").number == "301"
    assert client.get(reverse("portal:center-detail", args=[w.center.pk])).status_code == 404


WRITE_URLS = {
    "center-update": lambda w: reverse("centers:center-update", args=[w.center.pk]),
    "center-terminate": lambda w: reverse("centers:center-terminate", args=[w.center.pk]),
    "staff-create": lambda w: reverse("centers:staff-create", args=[w.center.pk]),
    "association-create": lambda w: reverse("centers:association-create", args=[w.center.pk]),
    "association-update": lambda w: reverse("centers:association-update", args=[w.association.pk]),
    "agreement-create": lambda w: reverse("centers:agreement-create", args=[w.center.pk]),
    "agreement-update": lambda w: reverse("centers:agreement-update", args=[w.agreement.pk]),
}


@pytest.fixture
def terminated(w):
    services.terminate_center(actor=w.department, center=w.center, reason="ineffective", order_date=days(-1))
    w.center.refresh_from_db()
    return w


def test_terminated_center_page_has_banner_and_no_write_controls(client, terminated):
    w = terminated
    login(client, w.department)
    pages = {
        "overview": w.center.get_absolute_url(),
        "staff": reverse("centers:center-staff", args=[w.center.pk]),
        "associations": reverse("centers:center-associations", args=[w.center.pk]),
        "association": w.association.get_absolute_url(),
        "agreements": reverse("centers:center-agreements", args=[w.center.pk]),
        "documents": reverse("centers:center-documents", args=[w.center.pk]),
        "history": reverse("centers:center-history", args=[w.center.pk]),
    }
    write_links = [url(w) for url in WRITE_URLS.values()] + [
        reverse("centers:staff-end", args=[w.staff.pk]),
        reverse("centers:document-upload", args=[w.center.pk, "plan"]),
        'action="/centers/',  # no write form of any kind
        'type="file"',
    ]
    for name, url in pages.items():
        content = page(client, url)
        assert "The center is terminated; its records are read-only." in content, name
        assert "Reason: ineffective work (by the department&#x27;s conclusion)" in content, name
        for link in write_links:
            assert link not in content, (name, link)
    # The record and its history stay readable.
    assert "Center terminated" in page(client, pages["history"])


@pytest.mark.parametrize("name", sorted(WRITE_URLS))
def test_terminated_center_write_pages_redirect_with_the_message(client, terminated, name):
    w = terminated
    login(client, w.department)
    before = db_state()
    response = client.get(WRITE_URLS[name](w), follow=True)
    assert response.redirect_chain == [(w.center.get_absolute_url(), 302)]
    assert "The center is terminated; its records are read-only." in [str(m) for m in response.context["messages"]]
    assert db_state() == before


def _write_posts(w):
    return {
        "center-update": {"description": "Новое", "email": "x@school.example", "version_seen": "2"},
        "center-terminate": {"reason": "completed", "order_date": str(days(-1))},
        "staff-create": {"role": "organizer", "full_name": "Сидоров Иван Петрович", "starts_on": str(days(-1))},
        "staff-end": {"ends_on": str(days(-1))},
        "association-create": {"kind": "gmo", "name": "ГМО химиков", "members": [w.teacher.pk]},
        "association-update": {"kind": "gmo", "name": "ГМО (новое)", "members": [w.teacher.pk], "version_seen": "1"},
        "agreement-create": {
            "party_kind": "social_partner",
            "party": "Музей",
            "number": "8",
            "date": str(days(-3)),
            "subject": "Экскурсии",
        },
        "agreement-update": {
            "party_kind": "authority",
            "party": "Департамент",
            "number": "5-А",
            "date": str(days(-200)),
            "subject": "О сотрудничестве",
            "version_seen": "1",
        },
        "document-upload": {"plan-file": SimpleUploadedFile("plan.pdf", PDF)},
    }


@pytest.mark.parametrize("name", sorted([*WRITE_URLS, "staff-end", "document-upload"]))
def test_terminated_center_every_write_refused_nothing_changed(client, terminated, name):
    w = terminated
    login(client, w.department)
    url = {
        **{k: v(w) for k, v in WRITE_URLS.items()},
        "staff-end": reverse("centers:staff-end", args=[w.staff.pk]),
        "document-upload": reverse("centers:document-upload", args=[w.center.pk, "plan"]),
    }[name]
    before = db_state()
    response = client.post(url, _write_posts(w)[name])
    assert response.status_code == 200
    content = response.content.decode()
    if name == "center-terminate":
        assert "This action is not allowed while the status is «terminated»." in content
    elif name == "center-update":  # the generic edit page: the refusal is the form's error
        assert response.context["form"].non_field_errors() == ["The center is terminated; its records are read-only."]
    else:
        assert content.count("The center is terminated; its records are read-only.") == 2, name  # banner and error
    assert db_state() == before


def test_services_refuse_every_write_on_a_terminated_center(terminated):
    w = terminated
    before = db_state()
    w.center.description = "Новое"
    calls = [
        lambda: services.update_center(actor=w.department, center=w.center, version=2),
        lambda: services.save_association(
            actor=w.department, association=Association(center=w.center, kind="gmo", name="ГМО"), members=[]
        ),
        lambda: services.save_agreement(
            actor=w.department,
            agreement=Agreement(
                center=w.center, party_kind="authority", party="Д", number="1", date=days(-1), subject="С"
            ),
        ),
        lambda: services.add_center_document(
            actor=w.department, center=w.center, requirement="plan", file=SimpleUploadedFile("p.pdf", PDF)
        ),
        lambda: services.assign_staff(
            actor=w.department, center=w.center, role="reporter", full_name="Иванов И. И.", starts_on=days(-1)
        ),
        lambda: services.end_staff(actor=w.department, staff=w.staff, ends_on=days(-1)),
    ]
    for call in calls:
        with pytest.raises(ServiceError) as exc:
            call()
        assert exc.value.code == "read_only"
    assert db_state() == before


# --- the daily job ------------------------------------------------------------------------------------


def test_beat_schedule_runs_the_expiry_task_daily(w):
    entry = settings.CELERY_BEAT_SCHEDULE["centers-expire-daily"]
    assert entry["task"] == "resurs.centers.expire" == expire_centers_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {30})
    w.other_center.term_start, w.other_center.term_end = days(-500), days(-1)
    w.other_center.save()
    assert expire_centers_task.apply().get() == [w.other_center.pk]
    w.other_center.refresh_from_db()
    assert (w.other_center.status, w.other_center.termination_reason) == ("terminated", "expired")


def test_agreements_tab_lists_the_agreements_with_their_files(client, w):
    login(client, w.coordinator)
    content = page(client, reverse("centers:center-agreements", args=[w.center.pk]))
    assert f"No. 5 of {days(-200):%d.%m.%Y}" in content
    assert reverse("centers:agreement-file", args=[w.agreement.pk]) in content
    assert reverse("centers:agreement-update", args=[w.agreement.pk]) not in content  # the coordinator reads only
    login(client, w.head)
    assert reverse("centers:agreement-update", args=[w.agreement.pk]) in page(
        client, reverse("centers:center-agreements", args=[w.center.pk]) + "?party_kind=authority"
    )
    content = page(client, reverse("centers:center-agreements", args=[w.center.pk]) + "?party_kind=social_partner")
    assert reverse("centers:agreement-file", args=[w.agreement.pk]) not in content
