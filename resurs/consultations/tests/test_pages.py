"""Consultation pages beyond the permission matrix: a refused request or step shows its coded error and changes
nothing, the form offers only the allowed choices, the counts page shows the period's figures, the XLSX export
re-opened cell by cell (a personal-data export, logged)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.audit.models import ActionLog
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.common.tests.matrix import db_state
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import build_consultations_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_consultations_world(world)


def test_the_request_form_offers_the_allowed_choices(w, client):
    client.force_login(w.teacher_user)
    form = client.get(reverse("consultations:consultation-create")).context["form"]
    assert set(form.fields) == {"center", "kind", "direction", "topic", "question", "attachment"}
    assert list(form.fields["center"].queryset) == [w.sibling_center, w.center]  # by name; not the far center
    client.force_login(w.org_admin)
    form = client.get(reverse("consultations:consultation-create")).context["form"]
    assert list(form.fields["organization"].queryset) == [w.org]
    assert set(form.fields["teacher"].queryset) == {w.teacher}


def test_a_refused_request_keeps_the_form_with_the_coded_error(w, client):
    client.force_login(w.org_admin)
    from resurs.people.tests.factories import TeacherFactory

    colleague = TeacherFactory(organization=w.org)
    before = db_state()
    response = client.post(
        reverse("consultations:consultation-create"),
        {
            "organization": w.org.pk,
            "teacher": colleague.pk,
            "center": w.center.pk,
            "kind": "remote",
            "direction": w.direction.pk,
            "topic": "Тема",
            "question": "Вопрос",
            "attachment": __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                "a.exe", b"MZ"
            ),
        },
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["attachment"]] == ["file_type"]
    assert db_state() == before


def test_a_refused_step_shows_its_code(w, client):
    client.force_login(w.methodist)
    url = reverse("consultations:consultation-action", args=[w.assigned.pk, "schedule"])
    before = db_state()
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"meeting_at": past, "place": "Каб. 3"})
    assert response.status_code == 400
    assert 'data-error-code="meeting_in_past"' in response.content.decode()
    response = client.post(url, {"meeting_at": ""})
    assert response.status_code == 400
    assert 'data-error-code="meeting_in_past"' in response.content.decode()
    assert db_state() == before
    client.force_login(w.teacher_user)
    before = db_state()
    response = client.post(reverse("consultations:consultation-action", args=[w.closed.pk, "rate"]), {"rating": "7"})
    assert 'data-error-code="rating_range"' in response.content.decode()
    assert db_state() == before


def test_the_detail_page_shows_each_actor_its_steps(w, client):
    def forms(user, consultation):
        client.force_login(user)
        response = client.get(consultation.get_absolute_url())
        return sorted(response.context["forms"])

    assert forms(w.head, w.new) == ["assign", "reject"]
    assert forms(w.teacher_user, w.new) == ["cancel"]
    assert forms(w.methodist, w.assigned) == ["answer", "schedule"]
    assert forms(w.methodist2, w.assigned) == []
    assert forms(w.methodist, w.scheduled) == ["hold", "schedule"]
    assert forms(w.teacher_user, w.closed) == ["rate"]
    assert forms(w.department, w.closed) == []


def test_counts_page(w, client):
    client.force_login(w.department)
    response = client.get(reverse("consultations:consultation-stats"))
    counts = response.context["counts"]
    assert (counts["total"], counts["given"]) == (5, 1)  # not the far center of another municipality
    assert dict(response.context["by_kind"]) == {"individual": 1, "remote": 4}
    response = client.get(reverse("consultations:consultation-stats"), {"date_from": "2001-01-01", "date_to": "x"})
    assert response.context["date_from"] == datetime.date(2001, 1, 1)
    client.force_login(w.head)
    counts = client.get(reverse("consultations:consultation-stats")).context["counts"]
    assert counts["total"] == 4  # its own center only


def test_xlsx_export_of_the_filtered_list(w, client, django_capture_on_commit_callbacks):
    Consultation.objects.filter(pk=w.closed.pk).update(
        asked_at=timezone.now() - datetime.timedelta(hours=3),
        responded_at=timezone.now() - datetime.timedelta(minutes=30),
        rating=5,
        rating_comment="Отлично",
    )
    client.force_login(w.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("consultations:consultation-list"), {"status": "closed", "_export": "xlsx"})
    job = Job.objects.get()
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done", job.error
    rows = read_xlsx(job.result_file)
    assert rows[0] == [
        "No.",
        "Asked",
        "Center",
        "Organization",
        "Teacher",
        "Format",
        "Content direction",
        "Topic",
        "Methodist",
        "Status",
        "First answer",
        "Response time, h",
        "Response time",
        "Meeting",
        "Closed",
        "Rating",
        "Comment on the rating",
    ]
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == w.closed.pk
    assert row[2:13] == [
        "Ресурсный центр «Точка роста»",
        w.org.short_name,
        w.teacher.full_name,
        "remote",
        "Цифровая образовательная среда",
        "Закрытый запрос",
        "Анна Петрова",
        "closed",
        row[10],
        2.5,
        "2 h 30 min",
    ]
    assert row[15:] == [5, "Отлично"]
    assert ActionLog.objects.filter(code="consultations.consultation.exported", actor=w.head).count() == 1
