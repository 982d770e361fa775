"""Plans API: the same scoping and services as the pages; workflow actions as POST actions, 409 on a stale version,
a coded 400 for every refused rule, and nothing changed by any refused request."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from resurs.common.testing import count_queries, read_xlsx
from resurs.common.tests.matrix import db_state
from resurs.documents.models import GeneratedDocument
from resurs.plans.api.routes import register
from resurs.plans.models import Plan, PlanItem
from resurs.plans.tests.factories import build_world
from resurs.plans.tests.test_query_counts import add_plans
from resurs.territory.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_world(world)


def api(user=None):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def refused(client, method, url, data=None, *, status, code=None, format="json"):
    """The request is refused with `status` (and the service's `code`) and the database is unchanged."""
    before = db_state()
    response = getattr(client, method)(url, data, format=format) if method != "get" else client.get(url)
    assert response.status_code == status, (response.status_code, response.content[:300])
    if code:
        assert response.json()["code"] == code
    assert db_state() == before
    return response


PLANS = "/api/v1/plans/"
ITEMS = "/api/v1/plan-items/"


def plan_url(plan, action=""):
    return f"{PLANS}{plan.pk}/" + (f"{action}/" if action else "")


# --- reading ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actor, expected",
    [
        ("head", {"plan", "submitted", "agreed"}),
        ("coordinator", {"plan", "submitted", "agreed"}),
        ("reporter", {"plan", "submitted", "agreed"}),
        ("sibling_head", {"sibling_plan"}),
        ("department", {"plan", "submitted", "agreed", "sibling_plan"}),
        ("other_department", {"far_plan"}),
        ("regional", {"plan", "submitted", "agreed", "sibling_plan", "far_plan"}),
    ],
)
def test_list_is_scoped(w, actor, expected):
    assert ids(api(getattr(w, actor)).get(PLANS)) == {getattr(w, name).pk for name in expected}


def test_anonymous_no_role_and_outsiders(w):
    assert api().get(PLANS).status_code == 401
    assert api(w.no_role).get(PLANS).status_code == 403
    assert api(w.org_admin).get(plan_url(w.plan)).status_code == 403
    assert api(w.sibling_head).get(plan_url(w.plan)).status_code == 404
    assert api(w.other_department).get(plan_url(w.plan)).status_code == 404
    assert api(w.sibling_head).get(f"{ITEMS}{w.item.pk}/").status_code == 404


def test_retrieve_and_filters(w):
    client = api(w.department)
    body = client.get(plan_url(w.agreed)).json()
    revision = w.agreed.agreed_revision
    assert {k: body[k] for k in ("owner", "period", "status", "agreed_revision", "items_total", "items_done")} == {
        "owner": w.center.name,
        "period": str(w.year - 1),
        "status": "agreed",
        "agreed_revision": 1,
        "items_total": 1,
        "items_done": 0,
    }
    assert (body["items_overdue"], body["share_done"], body["is_late"], body["goal"]) == (1, 0, False, "Прошлый год")
    assert datetime.datetime.fromisoformat(body["agreed_at"]) == revision.decided_at
    assert ids(client.get(PLANS, {"status": "submitted"})) == {w.submitted.pk}
    assert ids(client.get(PLANS, {"center": w.sibling_center.pk})) == {w.sibling_plan.pk}
    assert ids(client.get(PLANS, {"year": w.year - 1})) == {w.agreed.pk}
    assert ids(client.get(PLANS, {"late": "true"})) == set()
    assert client.get(PLANS, {"center": w.far_center.pk}).status_code == 400  # not among the user's choices
    items = client.get(ITEMS, {"plan": w.plan.pk}).json()["results"]
    assert [(i["topic"], i["date_display"]) for i in items] == [
        ("Семинар по ФГОС", f"10.03.{w.year + 1}"),
        ("Круглый стол", f"апрель {w.year + 1}"),
    ]


def test_list_queries_do_not_grow(w):
    client = api(w.regional)
    add_plans(w, "a", 5)
    client.get(PLANS)
    with count_queries() as few:
        assert client.get(PLANS).status_code == 200
    add_plans(w, "b", 45)
    with count_queries() as many:
        assert len(client.get(PLANS).json()["results"]) == 50
    assert many.count == few.count


# --- plans: create and header -------------------------------------------------------------------------------------


def test_create_plan(w):
    response = api(w.organizer).post(
        PLANS, {"center": w.center.pk, "year": w.year, "goal": "Цель", "copy_previous": True}, format="json"
    )
    assert response.status_code == 201, response.content
    plan = Plan.objects.get(pk=response.json()["id"])
    assert (plan.period_start, plan.goal, plan.updated_by) == (datetime.date(w.year, 1, 1), "Цель", w.organizer)
    assert list(plan.items.values_list("topic", "date")) == [("Мастер-класс", datetime.date(w.year, 10, 15))]
    assert response.json()["items_total"] == 1
    refused(api(w.head), "post", PLANS, {"center": w.center.pk, "year": w.year}, status=400, code="duplicate_plan")
    refused(api(w.coordinator), "post", PLANS, {"center": w.center.pk, "year": w.year + 2}, status=403)
    refused(api(w.department), "post", PLANS, {"center": w.center.pk, "year": w.year + 2}, status=403)
    response = refused(api(w.sibling_head), "post", PLANS, {"center": w.center.pk, "year": w.year + 2}, status=400)
    assert "center" in response.json()


def test_header_update_with_version_and_conflict(w):
    client = api(w.head)
    seen = w.plan.version
    response = client.patch(plan_url(w.plan), {"goal": "Новая цель", "version": seen}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["goal"], response.json()["version"]) == ("Новая цель", seen + 1)
    response = refused(
        api(w.organizer),
        "patch",
        plan_url(w.plan),
        {"goal": "Чужая", "version": seen},
        status=409,
        code="concurrent_edit",
    )
    assert "plan_head" in response.json()["detail"]
    response = refused(client, "patch", plan_url(w.plan), {"goal": "Без версии"}, status=400)
    assert "version" in response.json()
    refused(api(w.coordinator), "patch", plan_url(w.plan), {"goal": "x", "version": seen + 1}, status=403)
    refused(api(w.department), "put", plan_url(w.plan), {"goal": "x", "version": seen + 1}, status=403)
    refused(api(w.sibling_head), "patch", plan_url(w.plan), {"goal": "x", "version": seen + 1}, status=404)
    refused(
        client,
        "patch",
        plan_url(w.submitted),
        {"goal": "x", "version": w.submitted.version},
        status=400,
        code="transition_not_allowed",
    )
    assert Plan.objects.get(pk=w.plan.pk).goal == "Новая цель"


# --- workflow -----------------------------------------------------------------------------------------------------


def test_workflow_actions(w):
    head, coordinator = api(w.head), api(w.coordinator)
    refused(coordinator, "post", plan_url(w.plan, "submit"), status=403)
    refused(api(w.department), "post", plan_url(w.plan, "submit"), status=403)
    refused(api(w.sibling_head), "post", plan_url(w.plan, "submit"), status=404)
    refused(coordinator, "post", plan_url(w.plan, "agree"), status=400, code="transition_not_allowed")
    response = head.post(plan_url(w.plan, "submit"))
    assert (response.status_code, response.json()["status"]) == (200, "submitted")
    refused(head, "post", plan_url(w.plan, "submit"), status=400, code="transition_not_allowed")
    refused(head, "post", plan_url(w.plan, "agree"), status=403)
    refused(api(w.department), "post", plan_url(w.plan, "agree"), status=403)
    refused(api(w.regional), "post", plan_url(w.plan, "return"), {"comment": "x"}, status=403)
    refused(api(w.sibling_coordinator), "post", plan_url(w.plan, "agree"), status=404)
    refused(coordinator, "post", plan_url(w.plan, "return"), {"comment": " "}, status=400, code="comment_required")
    response = coordinator.post(
        plan_url(w.plan, "return"),
        {"comment": "Уточните", "item_comments": {str(w.item.uid): "Дата?"}},
        format="json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "returned")
    assert head.post(plan_url(w.plan, "submit")).status_code == 200
    response = coordinator.post(plan_url(w.plan, "agree"))
    assert (response.status_code, response.json()["status"], response.json()["agreed_revision"]) == (200, "agreed", 2)
    refused(coordinator, "post", plan_url(w.plan, "revise"), status=403)
    response = head.post(plan_url(w.plan, "revise"))
    assert (response.status_code, response.json()["status"]) == (200, "revising")
    revisions = head.get(plan_url(w.plan, "revisions")).json()
    assert [(r["number"], r["verdict"], r["comment"]) for r in revisions] == [
        (2, "agreed", ""),
        (1, "returned", "Уточните"),
    ]
    assert revisions[1]["item_comments"] == {str(w.item.uid): "Дата?"}
    detail = api(w.department).get(plan_url(w.plan, "revisions/1")).json()
    assert [i["topic"] for i in detail["snapshot"]["items"]] == ["Семинар по ФГОС", "Круглый стол"]
    assert api(w.department).get(plan_url(w.plan, "revisions/3")).status_code == 404
    assert api(w.sibling_head).get(plan_url(w.plan, "revisions/1")).status_code == 404


def test_diff_between_any_two_revisions(w):
    head = api(w.head)
    plan = w.agreed
    head.post(plan_url(plan, "revise"))
    plan.refresh_from_db()
    head.patch(plan_url(plan), {"goal": "Новая", "version": plan.version}, format="json")
    plan.refresh_from_db()
    head.patch(
        f"{ITEMS}{w.agreed_item.pk}/", {"topic": "Мастер-класс (онлайн)", "plan_version": plan.version}, format="json"
    )
    assert head.post(plan_url(plan, "submit")).status_code == 200
    body = api(w.coordinator).get(plan_url(plan, "diff")).json()
    assert (body["a"], body["b"]) == ("1", "2")
    assert body["header"] == [{"field": "goal", "old": "Прошлый год", "new": "Новая"}]
    assert body["changed"] == [
        {
            "item": body["changed"][0]["item"],
            "fields": [{"field": "topic", "old": "Мастер-класс", "new": "Мастер-класс (онлайн)"}],
        }
    ]
    assert body["changed"][0]["item"]["uid"] == str(w.agreed_item.uid)
    reverse_diff = api(w.coordinator).get(plan_url(plan, "diff"), {"a": 2, "b": 1}).json()
    assert reverse_diff["header"] == [{"field": "goal", "old": "Новая", "new": "Прошлый год"}]
    assert api(w.coordinator).get(plan_url(plan, "diff"), {"a": 2, "b": 2}).json()["changed"] == []
    assert api(w.coordinator).get(plan_url(plan, "diff"), {"a": 9}).status_code == 404
    assert api(w.coordinator).get(plan_url(plan, "diff"), {"a": "²"}).status_code == 404
    assert api(w.head).get(plan_url(w.plan, "diff")).status_code == 404  # never submitted


# --- items --------------------------------------------------------------------------------------------------------


def item_body(w, plan, **changes):
    plan.refresh_from_db()
    return {
        "plan": plan.pk,
        "plan_version": plan.version,
        "section": w.section2.pk,
        "form": w.form.pk,
        "topic": "Мастерская",
        "date": f"{plan.period_start.year}-05-20",
        "date_precision": "day",
        "venue": w.org2.pk,
        "responsible": "Петров П. П.",
        **changes,
    }


def test_item_crud_on_an_editable_plan(w):
    client = api(w.head)
    response = client.post(ITEMS, item_body(w, w.plan), format="json")
    assert response.status_code == 201, response.content
    item = PlanItem.objects.get(pk=response.json()["id"])
    assert (item.plan, item.section, item.venue, item.date, item.responsible) == (
        w.plan,
        w.section2,
        w.org2,
        datetime.date(w.year + 1, 5, 20),
        "Петров П. П.",
    )
    assert response.json()["venue_display"] == w.org2.short_name
    stale = item_body(w, w.plan)["plan_version"] - 1
    refused(
        api(w.organizer),
        "patch",
        f"{ITEMS}{item.pk}/",
        {"topic": "Чужая правка", "plan_version": stale},
        status=409,
        code="concurrent_edit",
    )
    body = item_body(w, w.plan)
    response = client.patch(
        f"{ITEMS}{item.pk}/", {"is_online": True, "venue": None, "plan_version": body["plan_version"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["venue_display"], response.json()["uid"]) == ("онлайн", str(item.uid))
    refused(client, "patch", f"{ITEMS}{item.pk}/", {"topic": "Без версии"}, status=400)
    refused(
        client,
        "post",
        ITEMS,
        item_body(w, w.plan, date=f"{w.year + 3}-01-01"),
        status=400,
        code="date_outside_period",
    )
    refused(
        client,
        "post",
        ITEMS,
        item_body(w, w.plan, is_online=True),
        status=400,
        code="venue_and_online",
    )
    # A venue outside the plan's municipality answers as an organization that does not exist (existence never leaks).
    missing = Organization.objects.order_by("-pk").first().pk + 1000
    answers = [
        refused(client, "post", ITEMS, item_body(w, w.plan, venue=pk), status=400).json()
        for pk in (w.other_org.pk, missing)
    ]
    assert answers == [
        {"venue": [f'Invalid pk "{w.other_org.pk}" - object does not exist.']},
        {"venue": [f'Invalid pk "{missing}" - object does not exist.']},
    ]
    refused(client, "post", ITEMS, item_body(w, w.submitted), status=400, code="transition_not_allowed")
    refused(api(w.coordinator), "post", ITEMS, item_body(w, w.plan), status=403)
    refused(api(w.department), "delete", f"{ITEMS}{item.pk}/?plan_version=99", status=403)
    response = refused(api(w.sibling_head), "post", ITEMS, item_body(w, w.plan), status=400)
    assert "plan" in response.json()  # not a plan it may change: "does not exist"
    refused(api(w.sibling_head), "delete", f"{ITEMS}{item.pk}/?plan_version=1", status=404)
    refused(client, "delete", f"{ITEMS}{item.pk}/", status=400)
    refused(client, "delete", f"{ITEMS}{item.pk}/?plan_version=²", status=400)  # a Unicode digit is no version
    version = item_body(w, w.plan)["plan_version"]
    refused(client, "delete", f"{ITEMS}{item.pk}/?plan_version={version - 1}", status=409, code="concurrent_edit")
    assert client.delete(f"{ITEMS}{item.pk}/?plan_version={version}").status_code == 204
    assert not PlanItem.objects.filter(pk=item.pk).exists()


def test_item_execution(w):
    url = f"{ITEMS}{w.agreed_item.pk}/execution/"
    response = api(w.reporter).post(
        url, {"execution": "rescheduled", "new_date": f"{w.year - 1}-12-01", "reason": "Болезнь"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["execution"], response.json()["new_date"], response.json()["execution_reason"]) == (
        "rescheduled",
        f"{w.year - 1}-12-01",
        "Болезнь",
    )
    refused(api(w.head), "post", url, {"execution": "cancelled"}, status=400, code="reason_required")
    refused(
        api(w.head), "post", url, {"execution": "rescheduled", "reason": "x"}, status=400, code="reschedule_incomplete"
    )
    refused(
        api(w.head),
        "post",
        f"{ITEMS}{w.item.pk}/execution/",
        {"execution": "done"},
        status=400,
        code="not_agreed",
    )
    refused(api(w.coordinator), "post", url, {"execution": "done"}, status=403)
    refused(api(w.department), "post", url, {"execution": "done"}, status=403)
    refused(api(w.sibling_head), "post", url, {"execution": "done"}, status=404)
    assert (
        api(w.head).post(url, {"execution": "done", "done_on": f"{w.year - 1}-12-01"}, format="json").json()["done_on"]
        == f"{w.year - 1}-12-01"
    )


# --- export and import --------------------------------------------------------------------------------------------


def test_docx_and_xlsx(w):
    response = api(w.department).post(plan_url(w.plan, "docx"))
    assert response.status_code == 200
    document = GeneratedDocument.objects.get()
    assert (document.object_id, document.generated_by, document.template_code) == (
        str(w.plan.pk),
        w.department,
        "plans.plan",
    )
    table = docx.Document(io.BytesIO(b"".join(response.streaming_content))).tables[-1]  # after the agreement blocks
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert [w.section.name, f"{w.form.name}: Семинар по ФГОС", f"10.03.{w.year + 1}", "", "Иванова М. П."] in cells
    rows = read_xlsx(api(w.coordinator).get(plan_url(w.plan, "xlsx")).content)
    assert [r[2] for r in rows[1:]] == ["Семинар по ФГОС", "Круглый стол"]
    refused(api(w.sibling_head), "post", plan_url(w.plan, "docx"), status=404)
    refused(api(w.org_admin), "get", plan_url(w.plan, "xlsx"), status=403)


def test_import_through_the_api(w, django_capture_on_commit_callbacks):
    book = openpyxl.Workbook()
    book.active.append(["Раздел плана", "Форма работы", "Тема", "Дата", "Ответственный"])
    book.active.append([w.section.name, w.form.name, "Из файла", f"ноябрь {w.year + 1}", "Петров П. П."])
    buffer = io.BytesIO()
    book.save(buffer)
    client = api(w.head)
    w.plan.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            plan_url(w.plan, "import"),
            {"file": SimpleUploadedFile("plan.xlsx", buffer.getvalue()), "version": w.plan.version},
            format="multipart",
        )
    assert response.status_code == 202, response.content
    job = client.get(response.json()["url"]).json()
    assert (job["status"], job["result"]["created"]) == ("done", 1)
    item = w.plan.items.get(topic="Из файла")
    assert (item.date, item.date_precision) == (datetime.date(w.year + 1, 11, 1), "month")
    refused(
        client,
        "post",
        plan_url(w.submitted, "import"),
        {"file": SimpleUploadedFile("plan.xlsx", buffer.getvalue()), "version": 1},
        status=400,
        code="transition_not_allowed",
        format="multipart",
    )


def test_schema_of_the_plans_endpoints_has_no_warnings():
    # Only the plans endpoints: another app's warnings are that app's to fix.
    router = DefaultRouter()
    register(router)
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache
    paths = {p for p in schema["paths"] if "/plan" in p}
    assert {
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        "/api/v1/plans/{id}/submit/",
        "/api/v1/plans/{id}/return/",
        "/api/v1/plans/{id}/agree/",
        "/api/v1/plans/{id}/revise/",
        "/api/v1/plans/{id}/revisions/",
        "/api/v1/plans/{id}/revisions/{number}/",
        "/api/v1/plans/{id}/diff/",
        "/api/v1/plan-items/",
        "/api/v1/plan-items/{id}/",
        "/api/v1/plan-items/{id}/execution/",
    } <= paths
    assert "delete" not in schema["paths"]["/api/v1/plans/{id}/"]


# --- the permission matrix of the API -----------------------------------------------------------------------------

API_MATRIX = [
    # (actor, method, plan, action, expected status); every refusal changes nothing.
    ("anonymous", "get", "plan", "", 401),
    ("anonymous", "post", "plan", "submit", 401),
    ("no_role", "get", "plan", "", 403),
    ("org_admin", "get", "plan", "", 403),
    *[(a, "get", "plan", "", 200) for a in ("head", "organizer", "reporter", "coordinator", "department", "regional")],
    *[(a, "get", "plan", "", 404) for a in ("sibling_head", "sibling_coordinator", "other_department", "far_head")],
    ("head", "post", "plan", "submit", 200),
    ("organizer", "post", "plan", "submit", 200),
    ("reporter", "post", "plan", "submit", 403),
    ("coordinator", "post", "plan", "submit", 403),
    ("department", "post", "plan", "submit", 403),
    ("regional", "post", "plan", "submit", 403),
    ("sibling_head", "post", "plan", "submit", 404),
    ("coordinator", "post", "submitted", "agree", 200),
    ("coordinator", "post", "submitted", "return", 200),
    ("head", "post", "submitted", "agree", 403),
    ("organizer", "post", "submitted", "return", 403),
    ("department", "post", "submitted", "agree", 403),
    ("regional", "post", "submitted", "agree", 403),
    ("sibling_coordinator", "post", "submitted", "agree", 404),
    ("head", "post", "agreed", "revise", 200),
    ("organizer", "post", "agreed", "revise", 200),
    ("coordinator", "post", "agreed", "revise", 403),
    ("department", "post", "agreed", "revise", 403),
    ("sibling_head", "post", "agreed", "revise", 404),
    *[(a, "get", "agreed", "revisions", 200) for a in ("head", "coordinator", "department", "regional")],
    ("sibling_head", "get", "agreed", "revisions", 404),
    ("no_role", "get", "agreed", "diff", 403),
    ("coordinator", "get", "agreed", "diff", 200),
    ("other_department", "get", "agreed", "diff", 404),
]


@pytest.mark.parametrize("actor, method, plan, action, expected", API_MATRIX)
def test_api_permission_matrix(w, actor, method, plan, action, expected):
    client = api(getattr(w, actor))
    url = plan_url(getattr(w, plan), action)
    data = {"comment": "Доработать"} if action == "return" else None
    if expected >= 400:
        refused(client, method, url, data, status=expected)
        return
    response = getattr(client, method)(url, data, format="json") if method == "post" else client.get(url)
    assert response.status_code == expected, response.content[:300]
    if method == "post":
        status = {"submit": "submitted", "agree": "agreed", "return": "returned", "revise": "revising"}[action]
        assert Plan.objects.get(pk=getattr(w, plan).pk).status == status == response.json()["status"]
