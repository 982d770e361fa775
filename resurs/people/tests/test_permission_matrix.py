"""Permission matrix of the teacher registry pages: list, card, create, edit, consent, export (152-ФЗ access)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog, ChangeLog
from resurs.common.tests.matrix import INVALID, JOB, KEPT, LOGIN, SAVED, Case, case_params, form_data, run_case
from resurs.people.forms import TeacherForm
from resurs.people.models import Consent, Teacher
from resurs.people.tests.factories import TeacherFactory


@pytest.fixture
def world(world):
    world.consenting = TeacherFactory(organization=world.org, surname="Согласова")
    Consent.objects.create(teacher=world.consenting, given_on=datetime.date(2024, 1, 15), purpose="Учёт кадров")
    world.teacher2 = TeacherFactory(organization=world.org2, surname="Второва", email="vtorova@school.ru")
    return world


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"people:{url_name}", tuple(args), method, expected, **kw)


def denied_everywhere(url_name, args=(), methods=("get", "post")):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


EXPORT = "_export=xlsx"

MATRIX = [
    # The list: each role sees its own part of the registry.
    *denied_everywhere("teacher-list", methods=("get",)),
    C("department", "teacher-list", visible=("teacher", "teacher2"), hidden=("other_teacher",)),
    C("other_department", "teacher-list", visible=("other_teacher",), hidden=("teacher", "teacher2")),
    C("org_admin", "teacher-list", visible=("teacher",), hidden=("teacher2", "other_teacher")),
    C("other_org_admin", "teacher-list", visible=("other_teacher",), hidden=("teacher",)),
    C("regional", "teacher-list", visible=("teacher", "teacher2", "other_teacher")),
    C("teacher_user", "teacher-list", visible=("teacher",), hidden=("teacher2", "other_teacher", "consenting")),
    # Export (personal data): only holders of people.teacher:export.
    C("anonymous", "teacher-list", query=EXPORT, expected=LOGIN),
    C("no_role", "teacher-list", query=EXPORT, expected=403),
    C("teacher_user", "teacher-list", query=EXPORT, expected=403),
    C("department", "teacher-list", query=EXPORT, expected=JOB),
    C("regional", "teacher-list", query=EXPORT, expected=JOB),
    C("org_admin", "teacher-list", query=EXPORT, expected=JOB),
    # The card.
    *denied_everywhere("teacher-detail", ["teacher"], methods=("get",)),
    C("department", "teacher-detail", ["teacher"]),
    C("org_admin", "teacher-detail", ["teacher"]),
    C("regional", "teacher-detail", ["teacher"]),
    C("teacher_user", "teacher-detail", ["teacher"]),
    C("teacher_user", "teacher-detail", ["teacher2"], expected=404),
    C("other_department", "teacher-detail", ["teacher"], expected=404),
    C("other_org_admin", "teacher-detail", ["teacher"], expected=404),
    C("org_admin", "teacher-detail", ["teacher2"], expected=404),
    # Create.
    *denied_everywhere("teacher-create"),
    C("teacher_user", "teacher-create", expected=403),
    C("teacher_user", "teacher-create", method="post", expected=403),
    C("regional", "teacher-create", expected=403),
    C("regional", "teacher-create", method="post", expected=403),
    C("department", "teacher-create"),
    C("department", "teacher-create", method="post", expected=SAVED),
    C("org_admin", "teacher-create", method="post", expected=SAVED),
    C("other_department", "teacher-create", method="post", expected=INVALID),
    C("other_org_admin", "teacher-create", method="post", expected=INVALID),
    # Edit.
    *denied_everywhere("teacher-update", ["teacher"]),
    C("department", "teacher-update", ["teacher"]),
    C("department", "teacher-update", ["teacher"], "post", SAVED),
    C("org_admin", "teacher-update", ["teacher"]),
    C("org_admin", "teacher-update", ["teacher"], "post", SAVED),
    C("org_admin", "teacher-update", ["teacher2"], "post", 404),
    C("other_department", "teacher-update", ["teacher"], expected=404),
    C("other_department", "teacher-update", ["teacher"], "post", 404),
    C("other_org_admin", "teacher-update", ["teacher"], "post", 404),
    C("regional", "teacher-update", ["teacher"], expected=403),
    C("regional", "teacher-update", ["teacher"], "post", 403),
    C("teacher_user", "teacher-update", ["teacher"], expected=403),
    C("teacher_user", "teacher-update", ["teacher"], "post", 403),
    # Consent: given and withdrawn by whoever may edit the record (POST only).
    C("anonymous", "teacher-consent-give", ["teacher"], "post", LOGIN),
    C("no_role", "teacher-consent-give", ["teacher"], "post", 403),
    C("teacher_user", "teacher-consent-give", ["teacher"], "post", 403),
    C("regional", "teacher-consent-give", ["teacher"], "post", 403),
    C("other_department", "teacher-consent-give", ["teacher"], "post", 404),
    C("other_org_admin", "teacher-consent-give", ["teacher"], "post", 404),
    C("department", "teacher-consent-give", ["teacher"], "get", 405),
    C("department", "teacher-consent-give", ["teacher"], "post", SAVED),
    C("org_admin", "teacher-consent-give", ["teacher"], "post", SAVED),
    C("department", "teacher-consent-give", ["consenting"], "post", 400),  # one consent in force at a time
    C("anonymous", "teacher-consent-withdraw", ["consenting"], "post", LOGIN),
    C("no_role", "teacher-consent-withdraw", ["consenting"], "post", 403),
    C("regional", "teacher-consent-withdraw", ["consenting"], "post", 403),
    C("other_department", "teacher-consent-withdraw", ["consenting"], "post", 404),
    C("other_org_admin", "teacher-consent-withdraw", ["consenting"], "post", 404),
    C("department", "teacher-consent-withdraw", ["consenting"], "post", SAVED),
    C("org_admin", "teacher-consent-withdraw", ["consenting"], "post", SAVED),
    C("department", "teacher-consent-withdraw", ["teacher"], "post", 400),  # nothing to withdraw
    # A login for a teacher (role «teacher» on their own profile).
    C("anonymous", "teacher-login", ["teacher2"], "post", LOGIN),
    C("no_role", "teacher-login", ["teacher2"], "post", 403),
    C("teacher_user", "teacher-login", ["teacher2"], "post", 403),
    C("regional", "teacher-login", ["teacher2"], "post", 403),
    C("other_department", "teacher-login", ["teacher2"], "post", 404),
    C("other_org_admin", "teacher-login", ["teacher2"], "post", 404),
    C("department", "teacher-login", ["teacher2"], "get", 405),
    C("department", "teacher-login", ["teacher2"], "post", SAVED),
    # A login for the teacher (role «teacher» on their own profile), by whoever may edit the record.
    C("anonymous", "teacher-login", ["teacher2"], "post", LOGIN),
    C("no_role", "teacher-login", ["teacher2"], "post", 403),
    C("teacher_user", "teacher-login", ["teacher2"], "post", 403),
    C("regional", "teacher-login", ["teacher2"], "post", 403),
    C("other_department", "teacher-login", ["teacher2"], "post", 404),
    C("other_org_admin", "teacher-login", ["teacher2"], "post", 404),
    C("org_admin", "teacher-login", ["teacher2"], "post", 404),
    C("department", "teacher-login", ["teacher2"], "get", 405),
    C("department", "teacher-login", ["teacher2"], "post", SAVED),
    C("org_admin", "teacher-login", ["teacher"], "post", KEPT),  # the teacher has a login already
    # Import (a background job) and its empty template.
    *denied_everywhere("teacher-import"),
    C("teacher_user", "teacher-import", expected=403),
    C("teacher_user", "teacher-import", method="post", expected=403),
    C("regional", "teacher-import", method="post", expected=403),
    C("department", "teacher-import"),
    C("department", "teacher-import", method="post", expected=JOB),
    C("org_admin", "teacher-import", method="post", expected=JOB),
    *denied_everywhere("teacher-import-template", methods=("get",)),
    C("teacher_user", "teacher-import-template", expected=403),
    C("regional", "teacher-import-template", expected=403),
    C("department", "teacher-import-template"),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "teacher-import":
        return {"file": SimpleUploadedFile("teachers.csv", "Фамилия;Имя\nПетрова;Ольга\n".encode())}
    if name == "teacher-login":
        return {"username": "vtorova"}
    if name == "teacher-create":
        return {
            "surname": "Новикова",
            "name": "Анна",
            "patronymic": "Сергеевна",
            "gender": "f",
            "organization": w.org.pk,
            "position": w.teacher.position.pk,
            "experience_total": "7",
            "experience_specialty": "5",
            "is_active": "on",
        }
    if name == "teacher-update":
        return form_data(TeacherForm, getattr(w, case.args[0]), phone="+7 900 123-45-67")
    if name == "teacher-consent-give":
        return {"given_on": "2024-09-01", "purpose": "Аттестация"}
    if name == "teacher-consent-withdraw":
        return {"withdrawn_on": "2025-02-01", "reason": "Увольнение"}
    if name == "teacher-login":
        return {"username": "vtorova"}
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "teacher-create":
            teacher = Teacher.objects.get(surname="Новикова")
            assert (teacher.organization, teacher.experience_total, teacher.experience_specialty) == (w.org, 7, 5)
            assert teacher.updated_by == actor
            entry = ChangeLog.objects.get(object_id=str(teacher.pk), content_type__model="teacher")
            assert (entry.action, entry.actor, entry.changes["surname"]) == ("create", actor, [None, "Новикова"])
        elif name == "teacher-update":
            teacher = Teacher.objects.get(pk=w.teacher.pk)
            assert (teacher.phone, teacher.version, teacher.updated_by) == ("+7 900 123-45-67", 2, actor)
            entry = ChangeLog.objects.get(object_id=str(teacher.pk), content_type__model="teacher")
            assert (entry.action, entry.actor, entry.changes) == ("update", actor, {"phone": ["", "+7 900 123-45-67"]})
        elif name == "teacher-consent-give":
            consent = Consent.objects.get(teacher=w.teacher)
            assert (consent.given_on, consent.purpose, consent.withdrawn_on, consent.recorded_by) == (
                datetime.date(2024, 9, 1),
                "Аттестация",
                None,
                actor,
            )
            entry = ActionLog.objects.get(code="people.consent.given")
            assert (entry.actor, entry.object_id, entry.data) == (
                actor,
                str(w.teacher.pk),
                {"given_on": "2024-09-01", "purpose": "Аттестация"},
            )
        elif name == "teacher-login":
            teacher = Teacher.objects.select_related("user").get(pk=w.teacher2.pk)
            assert (teacher.user.username, teacher.user.email) == ("vtorova", "vtorova@school.ru")
            assert list(teacher.user.assignments.values_list("role__code", "scope_kind")) == [("teacher", "self")]
        elif name == "teacher-consent-withdraw":
            consent = Consent.objects.get(teacher=w.consenting)
            assert (consent.withdrawn_on, consent.withdrawal_reason) == (datetime.date(2025, 2, 1), "Увольнение")
            entry = ActionLog.objects.get(code="people.consent.withdrawn")
            assert (entry.actor, entry.object_id) == (actor, str(w.consenting.pk))
        elif name == "teacher-login":
            teacher = Teacher.objects.select_related("user").get(pk=w.teacher2.pk)
            assert (teacher.user.username, teacher.user.email, teacher.user.has_usable_password()) == (
                "vtorova",
                "vtorova@school.ru",
                False,
            )
            assert list(teacher.user.assignments.values_list("role__code", "scope_kind", "granted_by")) == [
                ("teacher", "self", actor.pk)
            ]
            entry = ActionLog.objects.get(code="people.teacher.login_created")
            assert (entry.actor, entry.object_id, entry.data) == (actor, str(teacher.pk), {"username": "vtorova"})
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_people_permission_matrix(client, world, case):
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
