"""Permission matrix of the center registry and the center page: every page and every POST, every kind of actor."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog, ChangeLog
from resurs.centers.models import Agreement, Association, Center, CenterDocument, Order, StaffAssignment
from resurs.common.tests.matrix import JOB, LOGIN, SAVED, Case, case_params, db_state, run_case, url_of

from .pages_world import PDF, build, days


@pytest.fixture
def world(world):
    return build(world)


def C(actor, url_name, args=("center",), method="get", expected=200, **kw):
    return Case(actor, f"centers:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=("center",), methods=("get", "post")):
    """Anonymous → login; no role and the teacher role → 403, for each method."""
    return [
        case
        for m in methods
        for case in (
            C("anonymous", url_name, args, m, LOGIN),
            C("no_role", url_name, args, m, 403),
            C("teacher_user", url_name, args, m, 403),
        )
    ]


def outsiders(url_name, args=("center",), methods=("get", "post")):
    """The department of another municipality and the head of another center do not see this center: 404."""
    return [C(a, url_name, args, m, 404) for m in methods for a in ("other_department", "other_head")]


MATRIX = [
    # Registry
    *denied("center-list", (), ("get",)),
    C("department", "center-list", (), visible=("center", "other_center"), hidden=("far_center",)),
    C("other_department", "center-list", (), visible=("far_center",), hidden=("center", "other_center")),
    C("regional", "center-list", (), visible=("center", "other_center", "far_center")),
    C("head", "center-list", (), visible=("center",), hidden=("other_center", "far_center")),
    C("org_admin", "center-list", (), visible=("center",), hidden=("other_center", "far_center")),
    C("coordinator", "center-list", (), visible=("center",), hidden=("other_center",)),
    C("anonymous", "center-list", (), query="_export=xlsx", expected=LOGIN),
    C("no_role", "center-list", (), query="_export=xlsx", expected=403),
    C("head", "center-list", (), query="_export=xlsx", expected=403),
    C("department", "center-list", (), query="_export=xlsx", expected=JOB),
    C("regional", "center-list", (), query="_export=xlsx", expected=JOB),
    # Overview
    *denied("center-detail", methods=("get",)),
    *outsiders("center-detail", methods=("get",)),
    *[C(a, "center-detail") for a in ("department", "regional", "org_admin", "head", "coordinator", "methodist")],
    # Edit of the center's own fields: department and head
    *denied("center-update"),
    *outsiders("center-update"),
    C("department", "center-update"),
    C("department", "center-update", method="post", expected=SAVED),
    C("head", "center-update", method="post", expected=SAVED),
    *[
        C(a, "center-update", method=m, expected=403)
        for a in ("coordinator", "methodist", "regional")
        for m in ("get", "post")
    ],
    # Termination: the department only
    *denied("center-terminate"),
    *[C("other_department", "center-terminate", method=m, expected=404) for m in ("get", "post")],
    *[C("other_head", "center-terminate", method=m, expected=403) for m in ("get", "post")],  # code held nowhere
    C("department", "center-terminate"),
    C("department", "center-terminate", method="post", expected=SAVED),
    *[
        C(a, "center-terminate", method=m, expected=403)
        for a in ("head", "regional", "coordinator")
        for m in ("get", "post")
    ],
    # Staff
    *denied("center-staff", methods=("get",)),
    *outsiders("center-staff", methods=("get",)),
    *[C(a, "center-staff") for a in ("department", "regional", "head", "coordinator", "methodist")],
    C("org_admin", "center-staff", expected=403),
    *denied("staff-create"),
    *outsiders("staff-create"),
    C("department", "staff-create"),
    C("department", "staff-create", method="post", expected=SAVED),
    C("head", "staff-create", method="post", expected=SAVED),
    *[
        C(a, "staff-create", method=m, expected=403)
        for a in ("coordinator", "methodist", "regional")
        for m in ("get", "post")
    ],
    *denied("staff-end", ("staff",), ("post",)),
    *outsiders("staff-end", ("staff",), ("post",)),
    C("department", "staff-end", ("staff",), "get", 405),
    C("department", "staff-end", ("staff",), "post", SAVED),
    C("head", "staff-end", ("staff",), "post", SAVED),
    *[C(a, "staff-end", ("staff",), "post", 403) for a in ("coordinator", "methodist", "regional")],
    # Associations and creative groups
    *denied("center-associations", methods=("get",)),
    *outsiders("center-associations", methods=("get",)),
    *[C(a, "center-associations") for a in ("department", "head", "coordinator", "methodist")],
    C("org_admin", "center-associations", expected=403),
    *denied("association-create"),
    *outsiders("association-create"),
    C("department", "association-create"),
    C("department", "association-create", method="post", expected=SAVED),
    C("head", "association-create", method="post", expected=SAVED),
    *[
        C(a, "association-create", method=m, expected=403)
        for a in ("methodist", "coordinator")
        for m in ("get", "post")
    ],
    *denied("association-detail", ("association",), ("get",)),
    *outsiders("association-detail", ("association",), ("get",)),
    *[C(a, "association-detail", ("association",)) for a in ("department", "head", "coordinator", "methodist")],
    C("org_admin", "association-detail", ("association",), expected=403),
    *denied("association-update", ("association",)),
    *outsiders("association-update", ("association",)),
    C("department", "association-update", ("association",)),
    C("department", "association-update", ("association",), "post", SAVED),
    C("head", "association-update", ("association",), "post", SAVED),
    C("methodist", "association-update", ("association",), "post", SAVED),
    *[
        C(a, "association-update", ("association",), m, 403)
        for a in ("coordinator", "regional")
        for m in ("get", "post")
    ],
    # Agreements
    *denied("center-agreements", methods=("get",)),
    *outsiders("center-agreements", methods=("get",)),
    *[C(a, "center-agreements") for a in ("department", "head", "coordinator", "methodist")],
    C("org_admin", "center-agreements", expected=403),
    *denied("agreement-create"),
    *outsiders("agreement-create"),
    C("department", "agreement-create"),
    C("department", "agreement-create", method="post", expected=SAVED),
    C("head", "agreement-create", method="post", expected=SAVED),
    *[C(a, "agreement-create", method=m, expected=403) for a in ("methodist", "coordinator") for m in ("get", "post")],
    *denied("agreement-update", ("agreement",)),
    *outsiders("agreement-update", ("agreement",)),
    C("department", "agreement-update", ("agreement",)),
    C("department", "agreement-update", ("agreement",), "post", SAVED),
    C("head", "agreement-update", ("agreement",), "post", SAVED),
    *[C(a, "agreement-update", ("agreement",), m, 403) for a in ("methodist", "coordinator") for m in ("get", "post")],
    *denied("agreement-file", ("agreement",), ("get",)),
    *outsiders("agreement-file", ("agreement",), ("get",)),
    *[C(a, "agreement-file", ("agreement",)) for a in ("department", "head", "coordinator")],
    C("org_admin", "agreement-file", ("agreement",), expected=403),
    # Documents
    *denied("center-documents", methods=("get",)),
    *outsiders("center-documents", methods=("get",)),
    *[C(a, "center-documents") for a in ("department", "head", "coordinator", "methodist")],
    C("org_admin", "center-documents", expected=403),
    *denied("document-upload", ("center", "regulation"), ("post",)),
    *outsiders("document-upload", ("center", "regulation"), ("post",)),
    C("department", "document-upload", ("center", "regulation"), "get", 405),
    *[
        C(a, "document-upload", ("center", "regulation"), "post", SAVED)
        for a in ("department", "head", "methodist", "reporter")
    ],
    *[C(a, "document-upload", ("center", "regulation"), "post", 403) for a in ("coordinator", "regional", "org_admin")],
    *denied("document-file", ("document",), ("get",)),
    *outsiders("document-file", ("document",), ("get",)),
    *[C(a, "document-file", ("document",)) for a in ("department", "head", "methodist")],
    C("org_admin", "document-file", ("document",), expected=403),
    *denied("center-order-document", ("center", "order"), ("get",)),
    *outsiders("center-order-document", ("center", "order"), ("get",)),
    *[C(a, "center-order-document", ("center", "order")) for a in ("department", "regional", "head", "methodist")],
    # History
    *denied("center-history", methods=("get",)),
    *outsiders("center-history", methods=("get",)),
    *[C(a, "center-history") for a in ("department", "org_admin", "head", "coordinator")],
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "center-update":
        return {
            "description": "Площадка цифровой школы",
            "directions": [w.direction.pk],
            "email": "rc@school.example",
            "phone": "+7 (3463) 00-00-00",
            "website": "https://rc7.example/",
            "version_seen": "1",
        }
    if name == "center-terminate":
        return {"reason": "completed", "text": "", "order_number": "77", "order_date": str(days(-1))}
    if name == "staff-create":
        return {
            "role": "organizer",
            "full_name": "Сидоров Иван Петрович",
            "position": "Заместитель директора",
            "starts_on": str(days(-5)),
        }
    if name == "staff-end":
        return {"ends_on": str(days(-1))}
    if name == "association-create":
        return {
            "kind": "creative_group",
            "name": "Творческая группа «Цифра»",
            "topic": "Смешанное обучение",
            "head": w.teacher.pk,
            "members": [w.teacher.pk, w.teacher2.pk],
            "is_active": "on",
        }
    if name == "association-update":
        return {
            "kind": "gmo",
            "name": "ГМО учителей информатики и ИКТ",
            "topic": "Цифровая грамотность",
            "head": w.teacher.pk,
            "members": [w.teacher.pk, w.teacher2.pk],
            "is_active": "on",
            "version_seen": "1",
        }
    if name in ("agreement-create", "agreement-update"):
        data = {
            "party_kind": "base_organization",
            "party_organization": w.org2.pk,
            "party": "",
            "number": "12",
            "date": str(days(-10)),
            "starts_on": str(days(-10)),
            "ends_on": str(days(355)),
            "subject": "Совместная методическая работа",
            "file": SimpleUploadedFile("dogovor-12.pdf", PDF),
        }
        if name == "agreement-update":
            data["version_seen"] = "1"
        return data
    if name == "document-upload":
        return {"regulation-title": "Положение, редакция 2026", "regulation-file": SimpleUploadedFile("pol.pdf", PDF)}
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "center-update":
            center = Center.objects.get(pk=w.center.pk)
            assert (center.description, center.email, center.version, center.updated_by) == (
                "Площадка цифровой школы",
                "rc@school.example",
                2,
                actor,
            )
            entry = ChangeLog.objects.filter(object_id=str(center.pk), content_type__model="center").latest("id")
            assert (entry.actor, entry.changes["email"]) == (actor, ["rc7@school.example", "rc@school.example"])
        elif name == "center-terminate":
            center = Center.objects.get(pk=w.center.pk)
            assert (center.status, center.termination_reason, center.terminated_on) == (
                "terminated",
                "completed",
                days(-1),
            )
            order = Order.objects.get(center=center, kind="termination")
            assert (order.number, order.issuer_municipality) == ("77", w.mun)
        elif name == "staff-create":
            staff = StaffAssignment.objects.get(center=w.center, role="organizer")
            assert (staff.full_name, staff.position, staff.starts_on) == (
                "Сидоров Иван Петрович",
                "Заместитель директора",
                days(-5),
            )
            assert ActionLog.objects.filter(code="centers.staff.appointed", actor=actor).count() == 1
        elif name == "staff-end":
            assert StaffAssignment.objects.get(pk=w.staff.pk).ends_on == days(-1)
            assert ActionLog.objects.filter(code="centers.staff.ended", actor=actor).count() == 1
        elif name == "association-create":
            group = Association.objects.get(name="Творческая группа «Цифра»")
            assert (group.center, group.kind, group.head, group.updated_by) == (
                w.center,
                "creative_group",
                w.teacher,
                actor,
            )
            assert set(group.members.all()) == {w.teacher, w.teacher2}
        elif name == "association-update":
            group = Association.objects.get(pk=w.association.pk)
            assert (group.name, group.version, group.updated_by) == ("ГМО учителей информатики и ИКТ", 2, actor)
            assert set(group.members.all()) == {w.teacher, w.teacher2}
        elif name in ("agreement-create", "agreement-update"):
            agreement = Agreement.objects.get(number="12")
            assert (agreement.center, agreement.party, agreement.party_kind, agreement.updated_by) == (
                w.center,
                w.org2.full_name,
                "base_organization",
                actor,
            )
            with agreement.file.open("rb") as f:
                assert f.read() == PDF
            if name == "agreement-update":
                assert agreement.pk == w.agreement.pk and agreement.version == 2
        elif name == "document-upload":
            doc = CenterDocument.objects.get(center=w.center, title="Положение, редакция 2026")
            assert (doc.requirement, doc.uploaded_by) == ("regulation", actor)
            with doc.file.open("rb") as f:
                assert f.read() == PDF
        else:
            raise AssertionError(f"no check for {name}")

    return check


FILES = {"centers:agreement-file", "centers:document-file", "centers:center-order-document"}


def _download(client, world, case):
    """A file answer streams: check the bytes served and that nothing changed."""
    client.force_login(getattr(world, case.actor))
    before = db_state()
    response = client.get(url_of(world, case))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if case.url_name == "centers:center-order-document":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
        assert "О присвоении статуса ресурсного центра" in text
    else:
        assert body == PDF
    assert db_state() == before


@pytest.mark.parametrize(**case_params(MATRIX))
def test_centers_permission_matrix(client, world, case):
    if case.url_name in FILES and case.expected == 200:
        _download(client, world, case)
        return
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
