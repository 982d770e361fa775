"""Pages: the teacher's cabinet gathers their own records (and nobody else's), the route page shows the proposals,
the due list and the young specialists list show exactly the teachers they should."""

import datetime

import pytest
from django.utils import timezone

from resurs.catalogs.models import ContentDirection, QualificationCategory
from resurs.consultations.models import Consultation
from resurs.events.models import Certificate
from resurs.events.tests.factories import RegistrationFactory
from resurs.people.tests.factories import TeacherFactory

from .factories import build_records, build_world, event

TODAY = timezone.localdate()


@pytest.fixture
def w(world):
    return build_records(build_world(world))


def test_the_cabinet_shows_the_teachers_own_records(w, client, russian):
    e = event(w.center, ["М2"], days=9, title="Семинар «Смысловое чтение»")
    registration = RegistrationFactory(event=e, teacher=w.teacher)
    RegistrationFactory(event=e, teacher=w.teacher2)
    Certificate.objects.create(
        event=e,
        role="participant",
        registration=registration,
        teacher=w.teacher,
        full_name=w.teacher.full_name,
        event_title="Семинар «Смысловое чтение»",
        event_date=TODAY,
    )
    Consultation.objects.create(
        center=w.center,
        kind=Consultation.Kind.choices[0][0],
        topic="Как составить ИОМ",
        direction=ContentDirection.objects.first(),
        question="?",
        organization=w.org,
        teacher=w.teacher,
    )
    Consultation.objects.create(
        center=w.center,
        kind=Consultation.Kind.choices[0][0],
        topic="Чужой вопрос",
        direction=ContentDirection.objects.first(),
        question="?",
        organization=w.org2,
        teacher=w.teacher2,
    )
    client.force_login(w.teacher_user)
    text = client.get("/development/").content.decode()
    for own in ("Семинар «Смысловое чтение»", "Как составить ИОМ", "Обновлённые ФГОС", "Смысловое чтение", "№ 100"):
        assert own in text, own
    assert "Чужой вопрос" not in text and "Цифровой урок" not in text
    assert f'href="{w.route.get_absolute_url()}"' in text
    assert "дефицит" in text


def test_the_route_page_proposes_and_accepts(w, client, russian):
    e = event(w.center, ["М2"], days=9, title="Мастер-класс «Задачи на функциональную грамотность»")
    client.force_login(w.teacher_user)
    page = client.get(w.route.get_absolute_url()).content.decode()
    assert "Мастер-класс «Задачи на функциональную грамотность»" in page
    answer = client.post(
        f"/development/routes/{w.route.pk}/accept/",
        {"kind": "event", "id": e.pk, "competence": w.deficit.competence_id},
    )
    assert answer.status_code == 302
    assert w.route.steps.filter(event=e).count() == 1


def test_due_and_young_lists(w, client):
    cat = QualificationCategory.objects.filter(kind="category").first()
    due = TeacherFactory(
        organization=w.org, surname="Срокова", category=cat, category_expires_on=TODAY + datetime.timedelta(days=20)
    )
    TeacherFactory(organization=w.org, surname="Бессрочная", category=cat, category_expires_on=None)
    TeacherFactory(
        organization=w.org, surname="Нескоро", category=cat, category_expires_on=TODAY + datetime.timedelta(days=400)
    )
    TeacherFactory(organization=w.org, surname="Молодая", is_young_specialist=True)
    client.force_login(w.department)
    text = client.get("/development/attestation/due/?months=3").content.decode()
    assert due.surname in text and "Бессрочная" not in text and "Нескоро" not in text
    text = client.get("/development/mentoring/young/").content.decode()
    assert "Молодая" in text


def test_course_export_reopened(w, client, django_capture_on_commit_callbacks):
    from resurs.common.models import Job
    from resurs.common.testing import read_xlsx

    client.force_login(w.department)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get("/development/courses/", {"_export": "xlsx"})
    assert answer.status_code == 302
    job = Job.objects.get(user=w.department)
    assert job.status == "done", job.error
    rows = read_xlsx(job.result_file.open("rb"))
    assert rows[0][:4] == ["Teacher", "Organization", "Provider", "Program"]
    # Only the department's municipality: our teacher's course, not the far one.
    assert [r[3] for r in rows[1:]] == ["Обновлённые ФГОС"]
    assert rows[1][0] == w.teacher.full_name and rows[1][4] == 36
