"""Permission matrix of the development pages: a teacher sees only their own records; a center's methodist the
teachers it supports (members of its associations) and its own diagnostics; the department its municipality; the
regional operator reads; outsiders get 404, roles without the code 403; refusals change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from resurs.common.tests.matrix import INVALID, JOB, LOGIN, SAVED, Case, case_params, run_case

from ..models import Course, DiagnosticProcedure, Route
from .factories import build_records, build_world


@pytest.fixture
def w(world):
    return build_records(build_world(world))


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"development:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=(), methods=("get",)):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


def pages(name, obj, far, *, readers, writers=(), outsiders=(), editing_outsiders=(), blind=()):
    """list/detail/create/update of one kind: readers see `obj` and not `far`; outsiders get 404 on `obj`."""
    cases = [*denied(f"{name}-list"), *denied(f"{name}-detail", [obj]), *denied(f"{name}-update", [obj])]
    cases += denied(f"{name}-create")
    for actor in readers:
        # The regional operator reads the whole region: the far records are in another municipality of it.
        both = actor == "regional"
        cases.append(C(actor, f"{name}-list", visible=(obj, far) if both else (obj,), hidden=() if both else (far,)))
        cases.append(C(actor, f"{name}-detail", [obj]))
    for actor in outsiders:
        cases.append(C(actor, f"{name}-detail", [obj], expected=404))
        cases.append(C(actor, f"{name}-list", hidden=(obj,)))
    for actor in editing_outsiders:
        cases.append(C(actor, f"{name}-update", [obj], expected=404))
    for actor in writers:
        cases.append(C(actor, f"{name}-create"))
        cases.append(C(actor, f"{name}-update", [obj]))
    for actor in blind:
        cases.append(C(actor, f"{name}-list", expected=403))
        cases.append(C(actor, f"{name}-detail", [obj], expected=403))
    return cases


MATRIX = [
    # The cabinet shows only the user's own records: any login opens it.
    C("anonymous", "cabinet", expected=LOGIN),
    C("no_role", "cabinet"),
    C("teacher_user", "cabinet", visible=("route",), hidden=("far_route",)),
    C("department", "cabinet", hidden=("route",)),
    # Diagnostics: the teacher reads only their results, not the procedures.
    *pages(
        "procedure",
        "diagnostic",
        "far_diagnostic",
        readers=("methodist", "department", "regional"),
        writers=("methodist", "department"),
        outsiders=("far_methodist", "other_department"),
        editing_outsiders=("far_methodist", "other_department"),
        blind=("teacher_user",),
    ),
    C("regional", "procedure-create", expected=403),
    C("regional", "procedure-update", ["diagnostic"], expected=403),
    C("regional", "procedure-create", method="post", expected=403),
    C("far_methodist", "procedure-update", ["diagnostic"], method="post", expected=404),
    C("department", "procedure-create", method="post", expected=SAVED),
    C("methodist", "procedure-create", method="post", expected=INVALID, query="far"),
    *denied("result-import", ["diagnostic"], methods=("get", "post")),
    C("methodist", "result-import", ["diagnostic"]),
    C("department", "result-import", ["diagnostic"]),
    C("far_methodist", "result-import", ["diagnostic"], expected=404),
    C("regional", "result-import", ["diagnostic"], expected=403),
    C("teacher_user", "result-import", ["diagnostic"], expected=403),
    C("methodist", "result-import", ["diagnostic"], method="post", expected=JOB),
    *denied("result-import-template"),
    C("methodist", "result-import-template"),
    C("teacher_user", "result-import-template", expected=403),
    *pages(
        "result",
        "deficit",
        "far_result",
        readers=("teacher_user", "methodist", "department", "regional"),
        writers=("methodist", "department"),
        outsiders=("far_methodist", "other_department"),
        editing_outsiders=("far_methodist", "other_department"),
    ),
    C("teacher_user", "result-create", expected=403),
    C("teacher_user", "result-update", ["deficit"], expected=403),
    C("teacher_user", "result-detail", ["result2"], expected=404),
    C("org_admin", "result-update", ["deficit"], expected=403),
    # Routes: the teacher keeps their own; the tutor's center and the department see it.
    *pages(
        "route",
        "route",
        "far_route",
        readers=("teacher_user", "methodist", "department", "regional", "org_admin"),
        writers=("teacher_user", "methodist", "department"),
        outsiders=("far_methodist", "other_department", "other_org_admin"),
        editing_outsiders=("far_methodist", "other_department"),
    ),
    C("other_org_admin", "route-update", ["route"], expected=403),
    C("regional", "route-create", expected=403),
    C("regional", "route-update", ["route"], expected=403),
    C("teacher_user", "route-create", method="post", expected=SAVED),
    *denied("route-transition", ["route", "agree"], methods=("post",)),
    C("far_methodist", "route-transition", ["route", "agree"], method="post", expected=404),
    C("teacher_user", "route-transition", ["route", "agree"], method="post", expected="kept"),
    C("department", "route-transition", ["route", "agree"], method="post", expected="kept"),
    C("methodist", "route-transition", ["route", "agree"], method="post", expected=SAVED),
    *denied("step-create", ["route"], methods=("post",)),
    C("far_methodist", "step-create", ["route"], method="post", expected=404),
    C("regional", "step-create", ["route"], method="post", expected="kept"),
    C("teacher_user", "step-create", ["route"], method="post", expected=SAVED),
    *denied("step-action", ["route", "step", "cancel"], methods=("post",)),
    C("other_department", "step-action", ["route", "step", "cancel"], method="post", expected=404),
    C("regional", "step-action", ["route", "step", "cancel"], method="post", expected="kept"),
    C("teacher_user", "step-action", ["route", "step", "complete"], method="post", expected=SAVED),
    *denied("route-accept", ["route"], methods=("post",)),
    C("far_methodist", "route-accept", ["route"], method="post", expected=404),
    C("teacher_user", "route-accept", ["route"], method="post", expected="kept"),
    *denied("recommendations-refresh", methods=("post",)),
    C("teacher_user", "recommendations-refresh", method="post", expected=403),
    C("methodist", "recommendations-refresh", method="post", expected=403),
    C("department", "recommendations-refresh", method="post", expected=JOB),
    # Courses, presentations, mentoring, attestation: kept by the department and the organization.
    *pages(
        "course",
        "course",
        "far_course",
        readers=("teacher_user", "department", "org_admin", "regional", "methodist"),
        writers=("teacher_user", "department", "org_admin"),
        outsiders=("other_department", "other_org_admin", "far_methodist"),
        editing_outsiders=("other_department", "other_org_admin"),
    ),
    C("far_methodist", "course-update", ["course"], expected=403),
    C("methodist", "course-create", expected=403),
    C("regional", "course-update", ["course"], expected=403),
    C("org_admin", "course-create", method="post", expected=SAVED),
    C("department", "course-list", query="_export=xlsx", expected=JOB),
    C("teacher_user", "course-list", query="_export=xlsx", expected=403),
    C("methodist", "result-list", query="_export=xlsx", expected=JOB),
    C("teacher_user", "result-list", query="_export=xlsx", expected=403),
    *denied("course-import"),
    *denied("course-import-template"),
    C("department", "course-import"),
    C("org_admin", "course-import-template"),
    C("teacher_user", "course-import", expected=403),
    C("methodist", "course-import", expected=403),
    *pages(
        "experience",
        "sharing",
        "far_sharing",
        readers=("teacher_user", "department", "methodist", "org_admin"),
        writers=("department", "methodist", "org_admin"),
        outsiders=("other_department", "far_methodist"),
        editing_outsiders=("other_department", "far_methodist"),
    ),
    C("teacher_user", "experience-create"),
    C("teacher_user", "experience-update", ["sharing"], expected=403),
    *pages(
        "mentoring",
        "pair",
        "far_pair",
        readers=("teacher_user", "department", "methodist", "org_admin"),
        writers=("department", "methodist", "org_admin"),
        outsiders=("other_department", "far_methodist"),
        editing_outsiders=("other_department", "far_methodist"),
    ),
    C("teacher_user", "mentoring-create", expected=403),
    *denied("young-without-mentor"),
    C("department", "young-without-mentor"),
    C("teacher_user", "young-without-mentor"),
    *pages(
        "attestation",
        "attestation",
        "far_attestation",
        readers=("teacher_user", "department", "org_admin", "regional"),
        writers=("department", "org_admin"),
        outsiders=("other_department", "other_org_admin"),
        editing_outsiders=("other_department", "other_org_admin"),
    ),
    C("teacher_user", "attestation-create", expected=403),
    C("methodist", "attestation-create", expected=403),
    *denied("attestation-due"),
    C("department", "attestation-due"),
    C("department", "attestation-due", query="months=0"),
    *denied("analysis"),
    C("teacher_user", "analysis", expected=403),
    C("methodist", "analysis"),
    C("department", "analysis"),
]


def post_data(w, case):
    today = timezone.localdate()
    name = case.url_name.split(":")[1]
    if name == "procedure-create":
        center = w.far_center if case.query == "far" else None
        return {
            "title": "Муниципальная диагностика",
            "level": "municipal",
            "held_on": today.isoformat(),
            "instrument": "Тест",
            "threshold": "60",
            "municipality": w.mun.pk,
            **({"center": center.pk} if center else {}),
        }
    if name == "route-create":
        return {
            "teacher": w.teacher.pk,
            "period_start": today.isoformat(),
            "period_end": (today + datetime.timedelta(days=100)).isoformat(),
            "basis": "cnppm",
            "goals": "Цифровая грамотность",
        }
    if name == "step-create":
        return {"kind": "open_lesson", "title": "Открытый урок", "deadline": today.isoformat()}
    if name == "step-action":
        return {"evidence_note": "Протокол заседания ШМО № 3"}
    if name == "route-accept":
        return {"kind": "event", "id": "999999", "competence": str(w.deficit.competence_id)}
    if name == "course-create":
        return {
            "teacher": w.teacher.pk,
            "provider": "ИРО",
            "program": "Функциональная грамотность",
            "hours": "72",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
            "study_form": "in_person",
            "direction": "ФГОС",
        }
    if name == "result-import":
        return {"file": SimpleUploadedFile("results.xlsx", _xlsx(), content_type="application/octet-stream")}
    return {}


def _xlsx():
    from resurs.common.exporters import write_xlsx

    return write_xlsx("Результаты", ["Педагог", "Компетенция", "Балл", "Максимум"], [["Иванов", "М1", 5, 10]])


CHECKS = {
    "development:procedure-create": lambda w, actor: DiagnosticProcedure.objects.get(
        title="Муниципальная диагностика", threshold=60, updated_by=actor
    ),
    "development:route-create": lambda w, actor: Route.objects.get(goals="Цифровая грамотность", basis="cnppm"),
    "development:route-transition": lambda w, actor: Route.objects.get(pk=w.route.pk, status="agreed"),
    "development:step-create": lambda w, actor: w.route.steps.get(title="Открытый урок", kind="open_lesson"),
    "development:step-action": lambda w, actor: w.route.steps.get(
        pk=w.step.pk, status="done", evidence_note="Протокол заседания ШМО № 3"
    ),
    "development:course-create": lambda w, actor: Course.objects.get(program="Функциональная грамотность", hours=72),
}


@pytest.mark.parametrize(**case_params(MATRIX))
def test_matrix(client, w, case):
    run_case(
        client, w, case, data=post_data(w, case) if case.method == "post" else None, saved=CHECKS.get(case.url_name)
    )
