"""The centers API's writes and workflow actions: what a success stores (exact values, files re-opened, logs), and
every service error code as a 400 (409 for a concurrent edit) that changes nothing."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.accounts.models import RoleAssignment
from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.centers import services
from resurs.centers.models import (
    Agreement,
    Application,
    ApplicationDeadline,
    Association,
    Center,
    CenterDocument,
    CenterKind,
    Order,
    Review,
    ReviewCriterion,
    StaffAssignment,
)
from resurs.common.responses import ascii_name

from .api_world import PDF, all_scores, build, days, docx_text, pdf, state
from .factories import ApplicationFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def world(world):
    return build(world)


def call(world, actor, method, name, *args, data=None, fmt="json", query=""):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(world, actor))
    resolved = [getattr(world, a).pk if isinstance(a, str) else a for a in args]
    url = reverse(f"api:centers-{name}", args=resolved) + (f"?{query}" if query else "")
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data or {}, format=fmt)


def refused(world, actor, method, name, *args, code, status=400, data=None, fmt="json", field=None):
    """The request is refused with the service's code and nothing in the database or the files changes."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(world, actor))
    before = state()
    resolved = [getattr(world, a).pk if isinstance(a, str) else a for a in args]
    response = getattr(client, method)(reverse(f"api:centers-{name}", args=resolved), data or {}, format=fmt)
    assert response.status_code == status, response.content[:400]
    body = response.json()
    if code is not None:
        assert body["code"] == code, body
    if field is not None:
        assert field in body, body
    assert state() == before
    return body


def terminated(world):
    services.terminate_center(actor=world.department, center=world.center, reason="completed", order_date=days(0))
    world.center.refresh_from_db()
    return world.center


# --- center kinds ----------------------------------------------------------------------------------------------


def test_department_adds_and_edits_a_kind(world):
    body = {
        "code": "summer_school",
        "name": "Летняя методическая школа",
        "planning_period": "academic",
        "required_documents": [{"code": "plan", "name": "План", "clause": "001 § 6.2"}],
        "reporting": {"annual_report": True, "clause": "001 § 5.6"},
        "rules": [{"code": "plan_agreed", "name": "План согласован", "clause": "001 § 5.6", "params": {"min": 1}}],
    }
    response = call(world, "department", "post", "kind-list", data=body)
    assert response.status_code == 201, response.content
    kind = CenterKind.objects.get(code="summer_school")
    assert kind.required_documents == [{"code": "plan", "name": "План", "clause": "001 § 6.2"}]
    assert kind.reporting == {"annual_report": True, "clause": "001 § 5.6"}
    assert kind.rules == [
        {"code": "plan_agreed", "name": "План согласован", "clause": "001 § 5.6", "params": {"min": 1}}
    ]
    assert ChangeLog.objects.filter(object_id=str(kind.pk), action="create", actor=world.department).count() == 1

    response = call(world, "department", "patch", "kind-detail", kind.pk, data={"name": "Летняя школа", "version": 1})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    kind.refresh_from_db()
    assert (kind.name, kind.version, kind.updated_by) == ("Летняя школа", 2, world.department)
    refused(
        world,
        "department",
        "patch",
        "kind-detail",
        kind.pk,
        data={"name": "X", "version": 1},
        code="concurrent_edit",
        status=409,
    )


def test_kind_rows_with_one_code_twice_are_refused(world):
    rows = [{"code": "plan", "name": "План"}, {"code": "plan", "name": "План-2"}]
    body = refused(
        world, "department", "post", "kind-list", data={"code": "k", "name": "K", "required_documents": rows}, code=None
    )
    assert body == {"required_documents": ["The code «plan» is used in two rows; codes must differ."]}


# --- applications: drafts with files ------------------------------------------------------------------------------


def test_organization_saves_a_draft_with_the_signed_file_and_reads_it_back(world):
    data = {
        "organization": world.org.pk,
        "kind": world.draft.kind_id,
        "title": "Ресурсный центр «Наука рядом»",
        "directions": [world.direction.pk],
        "staff_resources": "12 учителей высшей категории",
        "signed_file": pdf("zayavka.pdf", PDF),
    }
    response = call(world, "org_admin", "post", "application-list", data=data, fmt="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    application = Application.objects.get(pk=body["id"])
    assert (application.status, application.title, application.organization) == (
        "draft",
        "Ресурсный центр «Наука рядом»",
        world.org,
    )
    assert list(application.directions.all()) == [world.direction]
    assert body["signed_file_url"] == f"/api/v1/centers/applications/{application.pk}/file/"
    assert body["status"] == "draft" and body["version"] == 1 and body["center"] is None
    download = call(world, "org_admin", "get", "application-file", application.pk)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert ChangeLog.objects.filter(object_id=str(application.pk), action="create", actor=world.org_admin).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "zayavka.exe",
            b"MZ\x90\x00",
            "File type .exe is not allowed. Allowed: .pdf, .docx, .xlsx, .odt, .jpg, .jpeg, .png.",
        ),
        ("zayavka.pdf", PNG, "The file content does not match its type .pdf."),
        ("zayavka.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_signed_file_of_a_wrong_type_is_refused(world, name, content, message):
    data = {
        "organization": world.org.pk,
        "kind": world.draft.kind_id,
        "title": "Центр",
        "signed_file": pdf(name, content),
    }
    body = refused(world, "org_admin", "post", "application-list", data=data, fmt="multipart", code=None)
    assert body == {"signed_file": [message]}


def test_draft_edit_and_its_refusals(world):
    response = call(
        world, "org_admin", "patch", "application-detail", "draft", data={"title": "Новое название", "version": 1}
    )
    assert response.status_code == 200
    world.draft.refresh_from_db()
    assert (world.draft.title, world.draft.version) == ("Новое название", 2)
    refused(
        world,
        "org_admin",
        "patch",
        "application-detail",
        "draft",
        data={"title": "X", "version": 1},
        code="concurrent_edit",
        status=409,
    )
    # A submitted application is read-only for the organization.
    body = refused(
        world,
        "org_admin",
        "patch",
        "application-detail",
        "reviewed",
        data={"title": "X"},
        code="transition_not_allowed",
    )
    assert body["detail"] == "This action is not allowed while the status is «under expert review»."
    # The organization of an application is fixed.
    body = refused(
        world, "org_admin", "patch", "application-detail", "draft", data={"organization": world.org2.pk}, code=None
    )
    assert "organization" in body


def test_attachments_are_added_and_removed_on_a_draft_only(world):
    response = call(
        world,
        "org_admin",
        "post",
        "application-add-attachment",
        "draft",
        data={"file": pdf("licenziya.pdf")},
        fmt="multipart",
    )
    assert response.status_code == 201
    titles = [a["title"] for a in response.json()["attachments"]]
    assert titles == ["Справка о кадрах", "licenziya.pdf"]
    added = world.draft.attachments.get(title="licenziya.pdf")
    download = call(world, "department", "get", "application-attachment", "draft", added.pk)
    assert b"".join(download.streaming_content) == PDF

    response = call(world, "org_admin", "delete", "application-attachment", "draft", world.attachment.pk)
    assert response.status_code == 204
    assert list(world.draft.attachments.values_list("title", flat=True)) == ["licenziya.pdf"]
    entry = ActionLog.objects.filter(code="centers.application.attachments_changed").order_by("pk").last()
    assert entry.data == {"added": [], "removed": ["Справка о кадрах"]}
    refused(
        world,
        "org_admin",
        "post",
        "application-add-attachment",
        "reviewed",
        data={"file": pdf()},
        fmt="multipart",
        code="transition_not_allowed",
    )
    refused(
        world,
        "org_admin",
        "post",
        "application-add-attachment",
        "draft",
        data={"file": pdf("a.txt", b"text")},
        fmt="multipart",
        code=None,
        field="file",
    )


# --- submission ---------------------------------------------------------------------------------------------------


def test_submit(world):
    response = call(world, "org_admin", "post", "application-submit", "draft")
    assert response.status_code == 200
    assert response.json()["status"] == "under_review"
    world.draft.refresh_from_db()
    assert (world.draft.status, world.draft.submitted_by) == ("under_review", world.org_admin)
    assert ActionLog.objects.filter(code="centers.application.submitted", object_id=str(world.draft.pk)).count() == 1
    # The expert council now sees it.
    assert call(world, "expert", "get", "application-detail", "draft").status_code == 200


def test_submit_error_codes(world):
    refused(world, "org_admin", "post", "application-submit", "reviewed", code="transition_not_allowed")
    world.draft.directions.clear()
    refused(world, "org_admin", "post", "application-submit", "draft", code="directions_missing")
    world.draft.directions.set([world.direction])
    world.draft.signed_file = ""
    world.draft.save()
    refused(world, "org_admin", "post", "application-submit", "draft", code="signed_file_missing")


def test_submit_after_the_deadline(world):
    ApplicationDeadline.objects.filter(municipality=world.mun).update(
        deadline=datetime.date(world.today.year - 1, 12, 31)
    )
    body = refused(world, "org_admin", "post", "application-submit", "draft", code="deadline_passed")
    assert body["detail"] == (
        f"Applications for {world.today.year} were accepted until 31.12.{world.today.year - 1} "
        f"(local time of {world.mun.name})."
    )


# --- expert review --------------------------------------------------------------------------------------------


def test_expert_reviews_and_may_change_the_review(world):
    scores = all_scores(5)
    response = call(
        world,
        "expert",
        "post",
        "application-review",
        "reviewed",
        data={"scores": scores, "comment": "Сильная", "recommendation": "approve"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    count = ReviewCriterion.objects.filter(is_active=True).count()
    assert (body["expert"], body["total"], body["recommendation"], body["comment"]) == (
        world.expert.pk,
        5 * count,
        "approve",
        "Сильная",
    )
    scores[next(iter(scores))] = 1
    again = call(
        world, "expert", "post", "application-review", "reviewed", data={"scores": scores, "recommendation": "reject"}
    )
    assert again.status_code == 200
    review = Review.objects.get(application=world.reviewed, expert=world.expert)
    assert (review.total, review.recommendation, review.comment) == (5 * count - 4, "reject", "")
    # The expert sees their own review; the department sees the council's side by side.
    mine = call(world, "expert", "get", "application-reviews", "reviewed").json()
    assert [r["expert"] for r in mine] == [world.expert.pk]
    council = call(world, "department", "get", "application-reviews", "reviewed").json()
    assert [r["expert"] for r in council] == [world.expert2.pk, world.expert.pk]
    assert call(world, "org_admin", "get", "application-reviews", "reviewed").json() == []


def test_review_error_codes(world):
    scores = all_scores(4)
    missing = dict(list(scores.items())[1:])
    refused(
        world,
        "expert",
        "post",
        "application-review",
        "reviewed",
        data={"scores": missing, "recommendation": "approve"},
        code="score_missing",
    )
    high = {**scores, next(iter(scores)): 6}
    body = refused(
        world,
        "expert",
        "post",
        "application-review",
        "reviewed",
        data={"scores": high, "recommendation": "approve"},
        code="score_range",
    )
    assert body["detail"].endswith("must be from 0 to 5.")
    body = refused(
        world,
        "expert",
        "post",
        "application-review",
        "reviewed",
        data={"scores": scores, "recommendation": "maybe"},
        code=None,
    )
    assert body == {"recommendation": ['"maybe" is not a valid choice.']}
    # A reviewer who also sees drafts (a department administrator on the council) cannot review one.
    from resurs.accounts.testing import grant_role

    grant_role(world.department, "expert", "municipality", world.mun)
    refused(
        world,
        "department",
        "post",
        "application-review",
        "draft",
        data={"scores": scores, "recommendation": "approve"},
        code="transition_not_allowed",
    )


# --- decision -------------------------------------------------------------------------------------------------


def test_approval_creates_the_center_its_head_and_the_order(world):
    data = {
        "approve": True,
        "term_start": "2026-09-01",
        "term_end": "2029-08-31",
        "order_number": "300",
        "order_date": days(0).isoformat(),
    }
    response = call(world, "department", "post", "application-decide", "reviewed", data=data)
    assert response.status_code == 200, response.content
    body = response.json()
    center = Center.objects.get(pk=body["center"])
    assert body["status"] == "approved"
    assert (center.name, center.organization, center.status) == (
        "Ресурсный центр «Инженерная школа»",
        world.org,
        "active",
    )
    assert (center.term_start, center.term_end) == (datetime.date(2026, 9, 1), datetime.date(2029, 8, 31))
    assert list(center.staff.values_list("role", "full_name")) == [("head", "Петрова Анна Сергеевна")]
    order = Order.objects.get(center=center, kind="creation")
    assert (order.number, order.issuer_municipality, order.application) == ("300", world.mun, world.reviewed)
    docx_response = call(world, "department", "get", "order-docx", order.pk)
    assert docx_response.status_code == 200
    # The readable Russian name (RFC 5987), with its transliteration as the fallback for old clients.
    readable = f"Приказ № 300 от {days(0):%d.%m.%Y} — {world.org.short_name}.docx"
    assert docx_response["Content-Disposition"] == (
        f"attachment; filename=\"{ascii_name(readable)}\"; filename*=UTF-8''{quote(readable, safe='')}"
    )
    assert ascii_name(readable).startswith(f"Prikaz No 300 ot {days(0):%d.%m.%Y} ")
    text = docx_text(b"".join(docx_response.streaming_content))
    assert "О присвоении статуса ресурсного центра" in text
    assert "Назначить Петрову Анну Сергеевну руководителем ресурсного центра." in text
    # Decided once: a second decision is refused with the code and who decided.
    body = refused(world, "department", "post", "application-decide", "reviewed", data=data, code="already_decided")
    assert body["detail"] == f"This application was already decided by {world.department}."


def test_rejection_with_reasons(world):
    data = {"approve": False, "reason": "Недостаточная материальная база"}
    response = call(world, "department", "post", "application-decide", "reviewed", data=data)
    assert response.status_code == 200
    world.reviewed.refresh_from_db()
    assert (world.reviewed.status, world.reviewed.decision_reason, world.reviewed.decided_by) == (
        "rejected",
        "Недостаточная материальная база",
        world.department,
    )
    assert not Center.objects.filter(application=world.reviewed).exists()


def test_decision_error_codes(world):
    approve = {"approve": True, "term_start": "2026-09-01", "term_end": "2029-08-31"}
    refused(world, "department", "post", "application-decide", "draft", data=approve, code="transition_not_allowed")
    unreviewed = ApplicationFactory(organization=world.org2, status=Application.Status.UNDER_REVIEW)
    refused(world, "department", "post", "application-decide", unreviewed.pk, data=approve, code="no_reviews")
    refused(
        world, "department", "post", "application-decide", "reviewed", data={"approve": False}, code="reason_required"
    )
    refused(
        world,
        "department",
        "post",
        "application-decide",
        "reviewed",
        data={"approve": True, "term_start": "2026-09-01", "term_end": "2026-08-31"},
        code="invalid_term",
    )
    services.issue_order(actor=world.department, issuer=world.mun, kind="term", number="55", date=days(0))
    refused(
        world,
        "department",
        "post",
        "application-decide",
        "reviewed",
        data={**approve, "order_number": "55", "order_date": days(0).isoformat()},
        code="duplicate_number",
    )


# --- centers --------------------------------------------------------------------------------------------------


def test_head_edits_the_center_and_a_stale_version_is_a_conflict(world):
    data = {"phone": "+7 (3463) 25-00-00", "website": "https://rc7.example.ru", "version": 1}
    response = call(world, "head", "patch", "center-detail", "center", data=data)
    assert response.status_code == 200, response.content
    world.center.refresh_from_db()
    assert (world.center.phone, world.center.website, world.center.version) == (
        "+7 (3463) 25-00-00",
        "https://rc7.example.ru",
        2,
    )
    entry = ChangeLog.objects.filter(object_id=str(world.center.pk), actor=world.head).latest("pk")
    assert entry.changes["phone"][1] == "+7 (3463) 25-00-00"
    refused(
        world,
        "department",
        "patch",
        "center-detail",
        "center",
        data={"phone": "1", "version": 1},
        code="concurrent_edit",
        status=409,
    )
    # Name, kind and term come from the orders: read-only here.
    response = call(world, "head", "patch", "center-detail", "center", data={"name": "Другое имя"})
    assert response.status_code == 200
    assert response.json()["name"] == "Ресурсный центр «Точка роста»"
    world.center.refresh_from_db()
    assert world.center.name == "Ресурсный центр «Точка роста»"


def test_center_registry_filters_are_the_pages(world):
    world.other_center.term_end = days(30)
    world.other_center.save()
    ids = lambda response: [row["id"] for row in response.json()["results"]]  # noqa: E731
    assert ids(call(world, "department", "get", "center-list", query="ends_within=60")) == [world.other_center.pk]
    soon = call(world, "department", "get", "center-detail", "other_center").json()
    assert soon["ending_soon"] is True
    assert call(world, "department", "get", "center-detail", "center").json()["ending_soon"] is False
    assert ids(call(world, "department", "get", "center-list", query=f"direction={world.direction.pk}")) == [
        world.center.pk
    ]
    assert (
        call(world, "department", "get", "center-list", query=f"municipality={world.other_mun.pk}").status_code == 400
    )


def test_termination(world):
    data = {"reason": "other", "text": "Реорганизация школы", "order_number": "77", "order_date": days(0).isoformat()}
    response = call(world, "department", "post", "center-terminate", "center", data=data)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["termination_reason"], body["termination_text"], body["terminated_on"]) == (
        "terminated",
        "other",
        "Реорганизация школы",
        days(0).isoformat(),
    )
    order = Order.objects.get(center=world.center, kind="termination")
    assert order.number == "77"
    text = docx_text(b"".join(call(world, "head", "get", "order-docx", order.pk).streaming_content))
    # The center is named once («Ресурсный центр «Точка роста»» is not a «ресурсного центра «Ресурсный центр …»»).
    assert (
        "В соответствии с Положением о ресурсных центрах, основание: реорганизация школы,\n"
        "ПРИКАЗЫВАЮ:\n"
        f"1. Прекратить деятельность ресурсного центра «Точка роста» на базе {world.org.full_name} с {days(0):%d.%m.%Y}.\n"
    ).replace("№ ", "№\u00a0") in text
    refused(world, "department", "post", "center-terminate", "center", data=data, code="transition_not_allowed")
    # Terminated: read-only.
    refused(world, "head", "patch", "center-detail", "center", data={"phone": "1"}, code="read_only")


def test_termination_error_codes(world):
    refused(world, "department", "post", "center-terminate", "center", data={"reason": "other"}, code="reason_required")
    body = refused(world, "department", "post", "center-terminate", "center", data={"reason": "expired"}, code=None)
    assert body == {"reason": ['"expired" is not a valid choice.']}
    refused(
        world,
        "department",
        "post",
        "center-terminate",
        "center",
        data={"reason": "completed", "order_number": "213", "order_date": world.order.date.isoformat()},
        code="duplicate_number",
    )


# --- staff ----------------------------------------------------------------------------------------------------


def test_appointment_grants_the_role_and_ending_withdraws_it(world):
    data = {
        "center": world.center.pk,
        "role": "methodist",
        "teacher": world.teacher.pk,
        "starts_on": days(0).isoformat(),
    }
    response = call(world, "head", "post", "staff-list", data=data)
    assert response.status_code == 201, response.content
    body = response.json()
    staff = StaffAssignment.objects.get(pk=body["id"])
    assert (staff.full_name, staff.user, staff.override_reason, body["is_current"]) == (
        "Смирнова Ольга Игоревна",
        world.teacher_user,
        "",
        True,
    )
    grant = RoleAssignment.objects.get(pk=staff.role_assignment_id)
    assert (grant.user, grant.role.code, grant.scope_kind, grant.scope_id) == (
        world.teacher_user,
        "methodist",
        "center",
        world.center.pk,
    )
    response = call(world, "head", "post", "staff-end", staff.pk, data={"ends_on": days(0).isoformat()})
    assert response.status_code == 200
    grant.refresh_from_db()
    assert (response.json()["ends_on"], grant.ends_on) == (days(0).isoformat(), days(0))
    listed = call(world, "head", "get", "staff-list", query=f"center={world.center.pk}&role=methodist")
    assert sorted(r["id"] for r in listed.json()["results"]) == sorted([world.staff.pk, staff.pk])


def test_an_ineligible_methodist_needs_the_override_reason(world):
    data = {"center": world.center.pk, "role": "methodist", "teacher": world.young.pk, "starts_on": days(0).isoformat()}
    body = refused(world, "department", "post", "staff-list", data=data, code="not_eligible")
    assert body["detail"] == (
        "A methodist must have the first or the highest qualification category (001 § 5.7). "
        "A methodist must have worked in the specialty for at least three years (001 § 5.7). "
        "To appoint anyway, give the reason."
    )
    response = call(world, "department", "post", "staff-list", data={**data, "override_reason": "Победитель конкурса"})
    assert response.status_code == 201
    assert response.json()["override_reason"] == "Победитель конкурса"
    entry = ActionLog.objects.filter(code="centers.staff.appointed").latest("pk")
    assert entry.data["override_reason"] == "Победитель конкурса"


def test_appointment_error_codes(world):
    base = {"center": world.center.pk, "starts_on": days(0).isoformat()}
    refused(world, "head", "post", "staff-list", data={**base, "role": "organizer"}, code="person_missing")
    refused(
        world,
        "head",
        "post",
        "staff-list",
        data={**base, "role": "external", "full_name": "Орлов Пётр"},
        code="contract_missing",
    )
    refused(
        world,
        "head",
        "post",
        "staff-list",
        data={**base, "role": "organizer", "full_name": "Орлов Пётр", "ends_on": days(-1).isoformat()},
        code="invalid_dates",
    )
    body = refused(
        world,
        "head",
        "post",
        "staff-list",
        data={**base, "role": "methodist", "teacher": world.other_teacher.pk},
        code=None,
    )
    assert body == {"teacher": [f'Invalid pk "{world.other_teacher.pk}" - object does not exist.']}
    refused(
        world,
        "head",
        "post",
        "staff-list",
        data={**base, "center": "x", "role": "organizer"},
        code=None,
        field="center",
    )
    refused(world, "head", "post", "staff-end", "staff", data={"ends_on": days(-365).isoformat()}, code="invalid_dates")
    terminated(world)
    refused(
        world,
        "department",
        "post",
        "staff-list",
        data={**base, "role": "organizer", "full_name": "Орлов Пётр"},
        code="read_only",
    )
    refused(world, "department", "post", "staff-end", "staff", data={"ends_on": days(0).isoformat()}, code="read_only")


# --- associations ---------------------------------------------------------------------------------------------


def test_association_with_members_and_the_order_approving_them(world):
    member = world.young
    data = {
        "center": world.center.pk,
        "kind": "creative_group",
        "name": "Творческая группа «Код»",
        "head": world.teacher.pk,
        "members": [world.teacher.pk, member.pk],
        "new_order_number": "15",
        "new_order_date": days(0).isoformat(),
    }
    response = call(world, "head", "post", "association-list", data=data)
    assert response.status_code == 201, response.content
    body = response.json()
    association = Association.objects.get(pk=body["id"])
    assert sorted(body["members"]) == sorted([world.teacher.pk, member.pk])
    order = association.order
    assert (order.number, order.kind, order.issuer_organization, body["order"]) == ("15", "group", world.org, order.pk)
    text = docx_text(b"".join(call(world, "head", "get", "order-docx", order.pk).streaming_content))
    # The head is appointed (001 § 5.8) and heads the list; the members are listed under the one point.
    assert (
        "ПРИКАЗЫВАЮ:\n"
        "1. Назначить Смирнову Ольгу Игоревну руководителем творческой группы «Код».\n"
        "2. Утвердить состав творческой группы «Код»:\n"
        f"— Смирнова Ольга Игоревна, {world.teacher.organization.short_name} — руководитель;\n"
        f"— Кузнецов Андрей Петрович, {member.organization.short_name}.\n"
        "3. Контроль за исполнением приказа оставляю за собой."
    ).replace("№ ", "№\u00a0") in text

    response = call(
        world, "methodist", "patch", "association-detail", association.pk, data={"members": [member.pk], "version": 1}
    )
    assert response.status_code == 200
    assert list(association.members.all()) == [member]
    refused(
        world,
        "methodist",
        "patch",
        "association-detail",
        association.pk,
        data={"topic": "X", "version": 1},
        code="concurrent_edit",
        status=409,
    )


def test_association_error_codes(world):
    body = refused(
        world,
        "head",
        "patch",
        "association-detail",
        "association",
        data={"members": [world.other_teacher.pk]},
        code=None,
    )
    assert body == {"members": [f'Invalid pk "{world.other_teacher.pk}" - object does not exist.']}
    refused(
        world,
        "head",
        "patch",
        "association-detail",
        "association",
        data={"new_order_number": "4", "new_order_date": world.org_order.date.isoformat()},
        code="duplicate_number",
    )
    terminated(world)
    refused(world, "methodist", "patch", "association-detail", "association", data={"topic": "X"}, code="read_only")


# --- agreements -----------------------------------------------------------------------------------------------


def test_agreement_with_its_file(world):
    data = {
        "center": world.center.pk,
        "party_kind": "base_organization",
        "party_organization": world.org2.pk,
        "number": "12",
        "date": days(0).isoformat(),
        "subject": "О сетевом взаимодействии",
        "file": pdf("dogovor-12.pdf"),
    }
    response = call(world, "head", "post", "agreement-list", data=data, fmt="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    agreement = Agreement.objects.get(pk=body["id"])
    assert (agreement.party, agreement.center) == (world.org2.full_name, world.center)
    assert body["file_url"] == f"/api/v1/centers/agreements/{agreement.pk}/file/"
    download = call(world, "coordinator", "get", "agreement-file", agreement.pk)
    assert b"".join(download.streaming_content) == PDF


def test_agreement_error_codes(world):
    base = {"center": world.center.pk, "party_kind": "social_partner", "party": "Библиотека", "number": "3"}
    body = refused(
        world,
        "head",
        "post",
        "agreement-list",
        data={
            **base,
            "date": days(0).isoformat(),
            "subject": "О",
            "starts_on": days(10).isoformat(),
            "ends_on": days(1).isoformat(),
        },
        code="invalid_dates",
    )
    assert body["field"] == "ends_on"
    body = refused(
        world,
        "head",
        "post",
        "agreement-list",
        data={**base, "date": days(0).isoformat(), "subject": "О", "file": pdf("d.pdf", PNG)},
        fmt="multipart",
        code=None,
    )
    assert body == {"file": ["The file content does not match its type .pdf."]}
    body = refused(
        world,
        "head",
        "post",
        "agreement-list",
        data={**base, "party": "", "date": days(0).isoformat(), "subject": "О"},
        code="party_missing",
    )
    assert body == {"code": "party_missing", "detail": "Name the party or choose its organization.", "field": "party"}
    terminated(world)
    refused(world, "head", "patch", "agreement-detail", "agreement", data={"subject": "X"}, code="read_only")


# --- documents ------------------------------------------------------------------------------------------------


def test_document_fills_its_checklist_item(world):
    def checklist():
        rows = call(world, "coordinator", "get", "document-checklist", query=f"center={world.center.pk}").json()
        return {row["code"]: row["present"] for row in rows}

    assert checklist() == {
        "order_creation": True,
        "regulation": True,
        "plan": False,
        "methodical": False,
        "reports": False,
    }
    response = call(
        world,
        "methodist",
        "post",
        "document-list",
        data={"center": world.center.pk, "requirement": "plan", "file": pdf("plan-2026.pdf")},
        fmt="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    document = CenterDocument.objects.get(pk=body["id"])
    assert (document.title, document.uploaded_by) == ("План деятельности ресурсного центра", world.methodist)
    assert b"".join(call(world, "head", "get", "document-file", document.pk).streaming_content) == PDF
    assert checklist()["plan"] is True


def test_checklist_counts_only_the_orders_the_user_may_see(world):
    from resurs.accounts.models import Role
    from resurs.accounts.testing import grant_role

    Role.objects.create(
        code="documents_reader",
        name="Documents reader",
        scope_kinds=["center"],
        permissions=["centers.center:view", "centers.centerdocument:view"],
    )
    world.documents_reader = make_user("documents_reader")
    grant_role(world.documents_reader, "documents_reader", "center", world.center)
    query = f"center={world.center.pk}"
    rows = {r["code"]: r for r in call(world, "documents_reader", "get", "document-checklist", query=query).json()}
    assert (rows["order_creation"]["orders"], rows["order_creation"]["present"]) == ([], False)
    assert rows["regulation"]["present"] is True
    rows = {r["code"]: r for r in call(world, "coordinator", "get", "document-checklist", query=query).json()}
    assert len(rows["order_creation"]["orders"]) == 1


def test_document_error_codes(world):
    data = {"center": world.center.pk, "requirement": "budget", "file": pdf()}
    refused(world, "head", "post", "document-list", data=data, fmt="multipart", code="unknown_requirement")
    data = {"center": world.center.pk, "requirement": "plan", "file": pdf("plan.docx", PDF)}
    body = refused(world, "head", "post", "document-list", data=data, fmt="multipart", code=None)
    assert body == {"file": ["The file content does not match its type .docx."]}
    terminated(world)
    refused(
        world,
        "head",
        "post",
        "document-list",
        data={"center": world.center.pk, "requirement": "plan", "file": pdf()},
        fmt="multipart",
        code="read_only",
    )


# --- orders ---------------------------------------------------------------------------------------------------


def test_orders_filter_and_row(world):
    rows = call(world, "department", "get", "order-list", query="kind=creation").json()["results"]
    assert [r["id"] for r in rows] == [world.order.pk]
    row = rows[0]
    assert (row["number"], row["issuer"], row["center"], row["template_version"], row["has_signed_scan"]) == (
        "213",
        str(world.mun),
        world.center.pk,
        0,
        False,
    )
    assert row["docx_url"] == f"/api/v1/centers/orders/{world.order.pk}/docx/"
    rows = call(world, "department", "get", "order-list", query=f"issuer=o{world.org.pk}").json()["results"]
    assert [r["id"] for r in rows] == [world.org_order.pk]


def test_superuser_reads_every_application(world):
    make_user("root", is_superuser=True)
    world.root = type(world.department).objects.get(username="root")
    ids = {r["id"] for r in call(world, "root", "get", "application-list").json()["results"]}
    assert ids == set(Application.objects.values_list("pk", flat=True))


def test_schema_lists_the_centers_endpoints_without_warnings(tmp_path, db):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    assert {
        "/api/v1/centers/",
        "/api/v1/centers/{id}/terminate/",
        "/api/v1/centers/applications/{id}/submit/",
        "/api/v1/centers/applications/{id}/review/",
        "/api/v1/centers/applications/{id}/decide/",
        "/api/v1/centers/staff/{id}/end/",
        "/api/v1/centers/orders/{id}/docx/",
        "/api/v1/centers/documents/checklist/",
    } <= set(paths)
    upload = paths["/api/v1/centers/applications/"]["post"]["requestBody"]["content"]
    assert upload["multipart/form-data"]["schema"]["$ref"] == "#/components/schemas/ApplicationRequest"


# --- choices outside the reach --------------------------------------------------------------------------------


def missing_pk(model):
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


@pytest.mark.parametrize(
    "field,outside",
    [
        ("teacher", lambda w: w.other_teacher.pk),  # a teacher of another municipality (personal data)
        ("order", lambda w: w.far_order.pk),  # an order of another center
        ("user", lambda w: w.other_department.pk),  # a user of another municipality
    ],
)
def test_a_choice_outside_the_reach_is_refused_as_an_id_that_does_not_exist(world, field, outside):
    """An id beyond the center's choices and an id that exists nowhere get the same answer: existence never leaks."""
    from resurs.accounts.models import User
    from resurs.people.models import Teacher

    world.far_order = services.issue_order(
        actor=world.department, issuer=world.org2, kind="group", number="77", date=days(-3), center=world.other_center
    )
    model = {"teacher": Teacher, "order": Order, "user": User}[field]
    base = {"center": world.center.pk, "role": "methodist", "starts_on": days(0).isoformat(), "full_name": "Орлов"}
    answers = []
    for pk in (outside(world), missing_pk(model)):
        body = refused(world, "head", "post", "staff-list", data={**base, field: pk}, code=None)
        answers.append(body == {field: [f'Invalid pk "{pk}" - object does not exist.']})
    assert answers == [True, True]


def test_an_agreement_party_outside_the_municipality_is_refused_as_missing(world):
    from resurs.territory.models import Organization

    answers = []
    for pk in (world.other_org.pk, missing_pk(Organization)):
        data = {"party_organization": pk, "version": world.agreement.version}
        body = refused(world, "head", "patch", "agreement-detail", "agreement", data=data, code=None)
        answers.append(body)
    assert answers == [
        {"party_organization": [f'Invalid pk "{world.other_org.pk}" - object does not exist.']},
        {"party_organization": [f'Invalid pk "{missing_pk(Organization)}" - object does not exist.']},
    ]
