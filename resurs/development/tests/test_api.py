"""The development API: scope of every list (teachers see only their own, outsiders 404), the route workflow and
steps through the API, proposals and their acceptance, attestation due list, young specialists without a mentor,
and the all-or-nothing imports of results and courses."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from resurs.common.exporters import write_xlsx
from resurs.common.models import Job
from resurs.common.tests.matrix import db_state
from resurs.people.tests.factories import TeacherFactory

from ..models import Course, DiagnosticResult, RouteStep
from .factories import build_records, build_world, event

TODAY = timezone.localdate()


@pytest.fixture
def w(world):
    return build_records(build_world(world))


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


LISTS = {
    "development-procedures": ("diagnostic", "far_diagnostic"),
    "development-results": ("deficit", "far_result"),
    "development-routes": ("route", "far_route"),
    "development-steps": ("step", None),
    "development-courses": ("course", "far_course"),
    "development-experience": ("sharing", "far_sharing"),
    "development-mentoring": ("pair", "far_pair"),
    "development-attestations": ("attestation", "far_attestation"),
}


@pytest.mark.parametrize("prefix", sorted(LISTS))
def test_lists_are_scoped(w, prefix):
    ours, far = LISTS[prefix]
    url = f"/api/v1/{prefix}/"
    assert api(None).get(url).status_code == 401
    assert api(w.no_role).get(url).status_code == 403
    seen = ids(api(w.department).get(url))
    assert getattr(w, ours).pk in seen
    if far:
        assert getattr(w, far).pk not in seen
        assert getattr(w, far).pk in ids(api(w.other_department).get(url)) or prefix == "development-steps"
        assert api(w.department).get(f"{url}{getattr(w, far).pk}/").status_code == 404


@pytest.mark.parametrize(
    "prefix",
    [
        "development-results",
        "development-routes",
        "development-courses",
        "development-experience",
        "development-mentoring",
        "development-attestations",
    ],
)
def test_a_teacher_sees_only_their_own(w, prefix):
    ours, far = LISTS[prefix]
    seen = ids(api(w.teacher_user).get(f"/api/v1/{prefix}/"))
    assert getattr(w, ours).pk in seen and getattr(w, far).pk not in seen
    assert api(w.teacher_user).get(f"/api/v1/{prefix}/{getattr(w, far).pk}/").status_code == 404


def test_a_teacher_does_not_see_a_colleagues_result(w):
    assert ids(api(w.teacher_user).get("/api/v1/development-results/")) == {
        w.deficit.pk,
        w.deficit2.pk,
        w.strength.pk,
    }
    assert api(w.teacher_user).get("/api/v1/development-procedures/").status_code == 403


def test_a_methodist_sees_supported_teachers_and_its_own_diagnostics(w):
    seen = ids(api(w.methodist).get("/api/v1/development-results/"))
    # Its center's diagnostic: all its results (teacher2's too); the far center's: none.
    assert seen == {w.deficit.pk, w.deficit2.pk, w.strength.pk, w.result2.pk}
    assert ids(api(w.methodist).get("/api/v1/development-courses/")) == {w.course.pk}
    assert ids(api(w.far_methodist).get("/api/v1/development-routes/")) == {w.far_route.pk}


def test_route_workflow_through_the_api(w):
    teacher = api(w.teacher_user)
    created = teacher.post(
        "/api/v1/development-routes/",
        {
            "teacher": w.teacher.pk,
            "period_start": TODAY.isoformat(),
            "period_end": (TODAY + datetime.timedelta(days=200)).isoformat(),
            "basis": "cnppm",
            "center": w.center.pk,
            "tutor": w.methodist.pk,
            "deficits": [w.deficit.pk, w.deficit2.pk],
            "goals": "Цель",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    route = created.json()
    assert (route["status"], sorted(route["deficits"]), route["tutor"]) == (
        "draft",
        sorted([w.deficit.pk, w.deficit2.pk]),
        w.methodist.pk,
    )
    url = f"/api/v1/development-routes/{route['id']}/"
    before = db_state()
    refused = teacher.post(url + "agree/", {}, format="json")
    assert refused.status_code == 403
    assert db_state() == before
    assert api(w.far_methodist).post(url + "agree/", {}, format="json").status_code == 404
    agreed = api(w.methodist).post(url + "agree/", {}, format="json")
    assert (agreed.status_code, agreed.json()["status"]) == (200, "agreed")
    assert teacher.post(url + "start/", {}, format="json").json()["status"] == "in_progress"
    step = teacher.post(
        "/api/v1/development-steps/",
        {"route": route["id"], "kind": "course", "title": "Курсы ПК", "deadline": TODAY.isoformat()},
        format="json",
    )
    assert step.status_code == 201, step.content
    missing = teacher.post(f"/api/v1/development-steps/{step.json()['id']}/complete/", {}, format="json")
    assert (missing.status_code, missing.json()["code"]) == (400, "evidence_required")
    done = teacher.post(
        f"/api/v1/development-steps/{step.json()['id']}/complete/",
        {"evidence_note": "Удостоверение № 123"},
        format="json",
    )
    assert (done.status_code, done.json()["status"], done.json()["evidence_note"]) == (
        200,
        "done",
        "Удостоверение № 123",
    )
    refused = teacher.post(url + "complete/", {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "reflection_required")
    completed = teacher.post(url + "complete/", {"reflection": "Освоила приёмы"}, format="json")
    assert (completed.json()["status"], completed.json()["steps_done"]) == ("completed", 1)


def test_proposals_and_acceptance_through_the_api(w):
    e = event(w.center, ["М2"], days=12, title="Семинар по функциональной грамотности")
    teacher = api(w.teacher_user)
    proposals = teacher.get("/api/v1/development-recommendations/", {"teacher": w.teacher.pk})
    assert proposals.status_code == 200
    assert [(p["kind"], p["id"], p["competence_code"], p["fit"]) for p in proposals.json()] == [
        ("event", e.pk, "М2", 1)
    ]
    assert (
        api(w.teacher_user).get("/api/v1/development-recommendations/", {"teacher": w.other_teacher.pk}).status_code
        == 404
    )
    assert api(w.methodist).get("/api/v1/development-recommendations/", {"teacher": w.teacher.pk}).status_code == 200
    assert (
        api(w.far_methodist).get("/api/v1/development-recommendations/", {"teacher": w.teacher.pk}).status_code == 404
    )
    accepted = teacher.post(
        f"/api/v1/development-routes/{w.route.pk}/accept/",
        {"kind": "event", "id": e.pk, "competence": w.deficit.competence_id},
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
    assert RouteStep.objects.get(pk=accepted.json()["id"]).event == e
    again = teacher.post(
        f"/api/v1/development-routes/{w.route.pk}/accept/",
        {"kind": "event", "id": e.pk, "competence": w.deficit.competence_id},
        format="json",
    )
    assert (again.status_code, again.json()["code"]) == (400, "not_proposed")
    assert api(w.teacher_user).post("/api/v1/development-recommendations/refresh/").status_code == 403
    assert api(w.department).post("/api/v1/development-recommendations/refresh/").status_code == 202


def test_due_and_young_without_mentor(w):
    from resurs.catalogs.models import QualificationCategory

    cat = QualificationCategory.objects.filter(kind="category").first()
    due = TeacherFactory(organization=w.org, category=cat, category_expires_on=TODAY + datetime.timedelta(days=40))
    TeacherFactory(organization=w.other_org, category=cat, category_expires_on=TODAY + datetime.timedelta(days=40))
    answer = api(w.department).get("/api/v1/development-attestations/due/", {"months": 3})
    assert [t["id"] for t in answer.json()] == [due.pk]
    assert api(w.department).get("/api/v1/development-attestations/due/", {"months": 0}).status_code == 400
    young = TeacherFactory(organization=w.org, is_young_specialist=True)
    w.teacher.is_young_specialist = True
    w.teacher.save()  # has a running pair: not listed
    answer = api(w.department).get("/api/v1/development-mentoring/young_without_mentor/")
    assert [t["id"] for t in answer.json()] == [young.pk]


def test_mentor_and_the_teacher_cannot_create_a_pair_for_themselves(w):
    body = {"mentor": w.teacher.pk, "mentee": w.teacher.pk, "starts_on": TODAY.isoformat()}
    answer = api(w.department).post("/api/v1/development-mentoring/", body, format="json")
    assert answer.status_code == 400
    assert api(w.teacher_user).post("/api/v1/development-mentoring/", body, format="json").status_code == 403


def upload(rows, headers):
    return SimpleUploadedFile("table.xlsx", write_xlsx("Лист", headers, rows), content_type="application/octet-stream")


def run_import(client, url, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, data, format="multipart")
    assert answer.status_code == 202, answer.content
    return Job.objects.get(pk=answer.json()["job"])


def test_results_import_is_all_or_nothing(w, django_capture_on_commit_callbacks):
    client = api(w.methodist)
    headers = ["Педагог", "Организация", "Компетенция", "Балл", "Максимум", "Уровень"]
    name = w.teacher.full_name
    bad = [[name, w.org.short_name, "К1", 4, 10, ""], [name, w.org.short_name, "Z9", 11, 10, ""]]
    before = DiagnosticResult.objects.count()
    job = run_import(
        client,
        "/api/v1/development-results/import_file/",
        {"procedure": w.diagnostic.pk, "file": upload(bad, headers)},
        django_capture_on_commit_callbacks,
    )
    assert job.status == "failed"
    messages = [(e["row"], e["column"]) for e in job.result["errors"]]
    assert messages == [(3, "Компетенция"), (3, "Балл")]
    assert DiagnosticResult.objects.count() == before
    good = [[name, w.org.short_name, "К1", 4, 10, "низкий"], [name, "", "К2", "7,5", 10, ""]]
    job = run_import(
        client,
        "/api/v1/development-results/import_file/",
        {"procedure": w.diagnostic.pk, "file": upload(good, headers)},
        django_capture_on_commit_callbacks,
    )
    assert job.status == "done", job.result
    stored = DiagnosticResult.objects.filter(procedure=w.diagnostic, competence__code__in=["К1", "К2"]).order_by(
        "competence__code"
    )
    assert [(r.score, r.is_deficit, r.level) for r in stored] == [(4, True, "низкий"), (7.5, False, "")]
    # The far methodist cannot import into our diagnostic.
    assert (
        api(w.far_methodist)
        .post("/api/v1/development-results/import_file/", {"procedure": w.diagnostic.pk, "file": upload(good, headers)})
        .status_code
        == 404
    )


def test_courses_import(w, django_capture_on_commit_callbacks):
    headers = [
        "Педагог",
        "Организация",
        "Провайдер",
        "Программа",
        "Часы",
        "Начало",
        "Окончание",
        "Форма",
        "Направление",
    ]
    row = [
        w.teacher.full_name,
        w.org.short_name,
        "ИРО",
        "Наставничество",
        36,
        "01.10.2025",
        "20.10.2025",
        "очная",
        "Наставничество",
    ]
    far = [
        w.other_teacher.full_name,
        "",
        "ИРО",
        "Наставничество",
        36,
        "01.10.2025",
        "20.10.2025",
        "дистанционная",
        "ИКТ",
    ]
    job = run_import(
        api(w.department),
        "/api/v1/development-courses/import_file/",
        {"file": upload([row, far], headers)},
        django_capture_on_commit_callbacks,
    )
    assert job.status == "failed"
    assert [e["row"] for e in job.result["errors"]] == [3]  # the far teacher is not the department's
    job = run_import(
        api(w.department),
        "/api/v1/development-courses/import_file/",
        {"file": upload([row], headers)},
        django_capture_on_commit_callbacks,
    )
    assert job.status == "done", job.result
    course = Course.objects.get(program="Наставничество")
    assert (course.teacher, course.hours, course.study_form, course.ends_on) == (
        w.teacher,
        36,
        "in_person",
        datetime.date(2025, 10, 20),
    )
    assert (
        api(w.teacher_user)
        .post("/api/v1/development-courses/import_file/", {"file": upload([row], headers)})
        .status_code
        == 403
    )
