"""Permission matrix of every centers API endpoint and action: anonymous 401, no role 403, a role outside the
object's scope 404 (absent from lists), a code held nowhere or not on this object 403, a role in scope through.

Every refused request, and every read, leaves every database row and every stored file exactly as it was.
"""

from typing import Any, NamedTuple

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from .api_world import all_scores, build, days, pdf, state


class Case(NamedTuple):
    actor: str
    method: str
    name: str  # route name without "api:centers-"
    arg: Any = None  # world attribute (or a tuple of them) whose pk is the id in the route
    expected: int = 200
    body: Any = None  # callable(world) -> (data, format)
    query: str = ""
    visible: tuple = ()
    hidden: tuple = ()

    def __str__(self):
        args = ",".join((self.arg,) if isinstance(self.arg, str) else self.arg or ())
        query = f"?{self.query}" if self.query else ""
        return f"{self.actor}-{self.method}-{self.name}({args}){query}-{self.expected}"


def json(make):
    return lambda w: (make(w), "json")


def multipart(make):
    return lambda w: (make(w), "multipart")


KIND = json(lambda w: {"code": "new_kind", "name": "Новый вид центра", "planning_period": "calendar"})
KIND_PATCH = json(lambda w: {"regulation": "Новое положение"})
APPLICATION = json(lambda w: {"organization": w.org.pk, "kind": w.draft.kind_id, "title": "Центр «Наука»"})
APPLICATION_ORG2 = json(lambda w: {"organization": w.org2.pk, "kind": w.draft.kind_id, "title": "Центр «Наука»"})
APPLICATION_PATCH = json(lambda w: {"title": "Ресурсный центр «Цифровая школа 2.0»"})
ATTACHMENT = multipart(lambda w: {"file": pdf("spravka.pdf"), "title": "Справка о кадрах"})
REVIEW = json(lambda w: {"scores": all_scores(5), "comment": "Сильная заявка", "recommendation": "approve"})
DECIDE = json(
    lambda w: {
        "approve": True,
        "term_start": days(1).isoformat(),
        "term_end": days(1000).isoformat(),
        "order_number": "300",
        "order_date": days(0).isoformat(),
    }
)
CENTER_PATCH = json(lambda w: {"phone": "+7 (3463) 00-00-00"})
TERMINATE = json(lambda w: {"reason": "completed", "order_number": "301", "order_date": days(0).isoformat()})
STAFF = json(
    lambda w: {
        "center": w.center.pk,
        "role": "organizer",
        "full_name": "Иванова Мария Петровна",
        "starts_on": "2026-01-12",
    }
)
END = json(lambda w: {"ends_on": days(0).isoformat()})
ASSOCIATION = json(lambda w: {"center": w.center.pk, "kind": "creative_group", "name": "Творческая группа «Код»"})
ASSOCIATION_PATCH = json(lambda w: {"topic": "Алгоритмика в начальной школе"})
AGREEMENT = multipart(
    lambda w: {
        "center": w.center.pk,
        "party_kind": "social_partner",
        "party": "Городская библиотека",
        "number": "12",
        "date": days(0).isoformat(),
        "subject": "О совместных мероприятиях",
        "file": pdf("dogovor-12.pdf"),
    }
)
AGREEMENT_PATCH = json(lambda w: {"subject": "О сотрудничестве и обмене опытом"})
DOCUMENT = multipart(lambda w: {"center": w.center.pk, "requirement": "plan", "file": pdf("plan.pdf")})

ANONYMOUS_AND_NO_ROLE = ("anonymous", 401), ("no_role", 403)


def refused(method, name, arg=None, body=None, also=(), query=""):
    """Anonymous 401, no role 403, and each (actor, status) of `also`."""
    return [Case(a, method, name, arg, s, body, query) for a, s in (*ANONYMOUS_AND_NO_ROLE, *also)]


READS = [
    # Center kinds: global reference data, read by every centers role.
    *refused("get", "kind-list", also=[("teacher_user", 403)]),
    *[
        Case(a, "get", "kind-list", visible=("kind",))
        for a in ("org_admin", "expert", "head", "regional", "department")
    ],
    *refused("get", "kind-detail", "kind", also=[("teacher_user", 403)]),
    Case("methodist", "get", "kind-detail", "kind"),
    # Review criteria: the council, the department, the centers; not the organizations.
    *refused("get", "criterion-list", also=[("teacher_user", 403), ("org_admin", 403)]),
    *[Case(a, "get", "criterion-list", visible=("criterion",)) for a in ("expert", "department", "regional")],
    *refused("get", "criterion-detail", "criterion", also=[("org_admin", 403)]),
    Case("expert", "get", "criterion-detail", "criterion"),
    # Applications: the organization its own, the department its municipality's, the region all; the expert
    # council of the municipality only those under review.
    *refused("get", "application-list", also=[(a, 403) for a in ("teacher_user", "head", "coordinator")]),
    Case(
        "org_admin",
        "get",
        "application-list",
        visible=("draft", "reviewed"),
        hidden=("org2_draft", "other_application"),
    ),
    Case(
        "department",
        "get",
        "application-list",
        visible=("draft", "reviewed", "org2_draft"),
        hidden=("other_application",),
    ),
    Case("regional", "get", "application-list", visible=("draft", "reviewed", "org2_draft", "other_application")),
    Case(
        "expert", "get", "application-list", visible=("reviewed",), hidden=("draft", "org2_draft", "other_application")
    ),
    Case("other_expert", "get", "application-list", visible=("other_application",), hidden=("reviewed", "draft")),
    *refused("get", "application-detail", "draft", also=[("head", 403), ("teacher_user", 403)]),
    Case("org_admin", "get", "application-detail", "draft"),
    Case("org_admin", "get", "application-detail", "org2_draft", 404),
    Case("other_org_admin", "get", "application-detail", "draft", 404),
    Case("department", "get", "application-detail", "org2_draft"),
    Case("other_department", "get", "application-detail", "draft", 404),
    Case("expert", "get", "application-detail", "reviewed"),
    Case("expert", "get", "application-detail", "draft", 404),
    Case("other_expert", "get", "application-detail", "reviewed", 404),
    Case("regional", "get", "application-detail", "other_application"),
    *refused("get", "application-reviews", "reviewed", also=[("head", 403)]),
    *[Case(a, "get", "application-reviews", "reviewed") for a in ("expert", "department", "org_admin", "regional")],
    Case("other_expert", "get", "application-reviews", "reviewed", 404),
    Case("other_department", "get", "application-reviews", "reviewed", 404),
    *refused("get", "application-file", "draft", also=[("head", 403)]),
    *[Case(a, "get", "application-file", "draft") for a in ("org_admin", "department", "regional")],
    Case("expert", "get", "application-file", "draft", 404),
    Case("expert", "get", "application-file", "reviewed"),
    Case("other_org_admin", "get", "application-file", "draft", 404),
    *refused("get", "application-attachment", ("draft", "attachment"), also=[("head", 403)]),
    *[Case(a, "get", "application-attachment", ("draft", "attachment")) for a in ("org_admin", "department")],
    Case("expert", "get", "application-attachment", ("draft", "attachment"), 404),
    Case("other_org_admin", "get", "application-attachment", ("draft", "attachment"), 404),
    Case("org_admin", "get", "application-attachment", ("draft", "far_attachment"), 404),  # of another application
    # Centers: the registry by scope.
    *refused("get", "center-list", also=[("teacher_user", 403)]),
    Case("department", "get", "center-list", visible=("center", "other_center"), hidden=("far_center",)),
    Case("other_department", "get", "center-list", visible=("far_center",), hidden=("center", "other_center")),
    Case("regional", "get", "center-list", visible=("center", "other_center", "far_center")),
    Case("expert", "get", "center-list", visible=("center", "other_center"), hidden=("far_center",)),
    Case("org_admin", "get", "center-list", visible=("center",), hidden=("other_center", "far_center")),
    Case("head", "get", "center-list", visible=("center",), hidden=("other_center", "far_center")),
    Case("coordinator", "get", "center-list", visible=("center",), hidden=("other_center", "far_center")),
    *refused("get", "center-detail", "center", also=[("teacher_user", 403)]),
    *[
        Case(a, "get", "center-detail", "center")
        for a in ("department", "org_admin", "head", "coordinator", "methodist")
    ],
    *[Case(a, "get", "center-detail", "center", 404) for a in ("other_department", "other_head", "other_expert")],
    Case("org_admin", "get", "center-detail", "other_center", 404),
    # Staff.
    *refused("get", "staff-list", also=[(a, 403) for a in ("teacher_user", "org_admin", "expert")]),
    Case("department", "get", "staff-list", visible=("staff",), hidden=("far_staff",)),
    Case("other_department", "get", "staff-list", visible=("far_staff",), hidden=("staff",)),
    Case("regional", "get", "staff-list", visible=("staff", "far_staff")),
    *[Case(a, "get", "staff-list", visible=("staff",), hidden=("far_staff",)) for a in ("head", "coordinator")],
    Case("other_head", "get", "staff-list", hidden=("staff", "far_staff")),
    *refused("get", "staff-detail", "staff", also=[("org_admin", 403)]),
    Case("methodist", "get", "staff-detail", "staff"),
    Case("other_head", "get", "staff-detail", "staff", 404),
    # Associations and creative groups.
    *refused("get", "association-list", also=[(a, 403) for a in ("teacher_user", "org_admin", "expert")]),
    Case("department", "get", "association-list", visible=("association",), hidden=("far_association",)),
    Case("methodist", "get", "association-list", visible=("association",), hidden=("far_association",)),
    *refused("get", "association-detail", "association", also=[("org_admin", 403)]),
    Case("coordinator", "get", "association-detail", "association"),
    Case("other_department", "get", "association-detail", "association", 404),
    # Agreements.
    *refused("get", "agreement-list", also=[(a, 403) for a in ("teacher_user", "org_admin", "expert")]),
    Case("department", "get", "agreement-list", visible=("agreement",), hidden=("far_agreement",)),
    Case("head", "get", "agreement-list", visible=("agreement",), hidden=("far_agreement",)),
    *refused("get", "agreement-detail", "agreement"),
    Case("reporter", "get", "agreement-detail", "agreement"),
    Case("other_head", "get", "agreement-detail", "agreement", 404),
    *refused("get", "agreement-file", "agreement", also=[("org_admin", 403)]),
    Case("coordinator", "get", "agreement-file", "agreement"),
    Case("other_head", "get", "agreement-file", "agreement", 404),
    # Documents of the file nomenclature and the checklist.
    *refused("get", "document-list", also=[(a, 403) for a in ("teacher_user", "org_admin", "expert")]),
    Case("department", "get", "document-list", visible=("document",), hidden=("far_document",)),
    Case("other_department", "get", "document-list", visible=("far_document",), hidden=("document",)),
    Case("head", "get", "document-list", visible=("document",), hidden=("far_document",)),
    *refused("get", "document-detail", "document"),
    Case("methodist", "get", "document-detail", "document"),
    Case("other_head", "get", "document-detail", "document", 404),
    *refused("get", "document-file", "document", also=[("org_admin", 403)]),
    Case("coordinator", "get", "document-file", "document"),
    Case("other_department", "get", "document-file", "document", 404),
    *refused("get", "document-checklist", query="center=@center", also=[("org_admin", 403)]),
    Case("coordinator", "get", "document-checklist", query="center=@center"),
    Case("other_head", "get", "document-checklist", query="center=@center", expected=404),
    # Orders: by issuer (department, organization) and by the center they concern.
    *refused("get", "order-list", also=[(a, 403) for a in ("teacher_user", "expert")]),
    Case("department", "get", "order-list", visible=("order", "org_order"), hidden=("far_order",)),
    Case("org_admin", "get", "order-list", visible=("org_order",), hidden=("order", "far_order")),
    Case("head", "get", "order-list", visible=("order", "org_order"), hidden=("far_order",)),
    Case("regional", "get", "order-list", visible=("order", "org_order", "far_order")),
    *refused("get", "order-detail", "order", also=[("expert", 403)]),
    Case("coordinator", "get", "order-detail", "order"),
    Case("org_admin", "get", "order-detail", "order", 404),
    Case("other_department", "get", "order-detail", "order", 404),
    *refused("get", "order-docx", "order", also=[("expert", 403), ("teacher_user", 403)]),
    Case("head", "get", "order-docx", "order"),
    Case("org_admin", "get", "order-docx", "org_order"),
    Case("org_admin", "get", "order-docx", "order", 404),
    Case("other_department", "get", "order-docx", "order", 404),
]

WRITES = [
    # Center kinds: the department's (centers.centerkind:add/change); nobody deletes one.
    *refused("post", "kind-list", body=KIND, also=[(a, 403) for a in ("org_admin", "expert", "regional", "head")]),
    Case("department", "post", "kind-list", expected=201, body=KIND),
    *refused("patch", "kind-detail", "kind", KIND_PATCH, also=[(a, 403) for a in ("org_admin", "regional", "head")]),
    Case("department", "patch", "kind-detail", "kind", 200, KIND_PATCH),
    Case("department", "delete", "kind-detail", "kind", 405),
    # Review criteria are read-only here.
    Case("department", "post", "criterion-list", expected=405, body=KIND),
    Case("org_admin", "post", "criterion-list", expected=403, body=KIND),
    # Applications: drafts by the organization, in its own organization only.
    *refused(
        "post",
        "application-list",
        body=APPLICATION,
        also=[(a, 403) for a in ("department", "expert", "regional", "head")],
    ),
    Case("org_admin", "post", "application-list", expected=201, body=APPLICATION),
    Case("org_admin", "post", "application-list", expected=400, body=APPLICATION_ORG2),  # not its organization
    Case("other_org_admin", "post", "application-list", expected=400, body=APPLICATION),
    *refused(
        "patch", "application-detail", "draft", APPLICATION_PATCH, also=[(a, 403) for a in ("department", "regional")]
    ),
    Case("org_admin", "patch", "application-detail", "draft", 200, APPLICATION_PATCH),
    Case("other_org_admin", "patch", "application-detail", "draft", 404, APPLICATION_PATCH),
    Case("expert", "patch", "application-detail", "draft", 403, APPLICATION_PATCH),  # holds no :change
    Case("org_admin", "delete", "application-detail", "draft", 405),
    *refused(
        "post",
        "application-add-attachment",
        "draft",
        ATTACHMENT,
        also=[(a, 403) for a in ("department", "expert", "regional")],
    ),
    Case("org_admin", "post", "application-add-attachment", "draft", 201, ATTACHMENT),
    Case("other_org_admin", "post", "application-add-attachment", "draft", 404, ATTACHMENT),
    *refused(
        "delete", "application-attachment", ("draft", "attachment"), also=[(a, 403) for a in ("department", "regional")]
    ),
    Case("org_admin", "delete", "application-attachment", ("draft", "attachment"), 204),
    Case("org_admin", "delete", "application-attachment", ("draft", "far_attachment"), 404),
    Case("other_org_admin", "delete", "application-attachment", ("draft", "attachment"), 404),
    # Submission: the organization.
    *refused(
        "post", "application-submit", "draft", also=[(a, 403) for a in ("department", "expert", "regional", "head")]
    ),
    Case("org_admin", "post", "application-submit", "draft", 200),
    Case("other_org_admin", "post", "application-submit", "draft", 404),
    # Review: the expert council of the municipality, while under review.
    *refused(
        "post",
        "application-review",
        "reviewed",
        REVIEW,
        also=[(a, 403) for a in ("department", "org_admin", "regional", "head")],
    ),
    Case("expert", "post", "application-review", "reviewed", 200, REVIEW),
    Case("other_expert", "post", "application-review", "reviewed", 404, REVIEW),
    Case("expert", "post", "application-review", "draft", 404, REVIEW),  # drafts are not the council's
    Case("expert", "post", "application-review", "other_application", 404, REVIEW),
    # Decision: the department of the municipality.
    *refused(
        "post",
        "application-decide",
        "reviewed",
        DECIDE,
        also=[(a, 403) for a in ("expert", "org_admin", "regional", "head")],
    ),
    Case("department", "post", "application-decide", "reviewed", 200, DECIDE),
    Case("other_department", "post", "application-decide", "reviewed", 404, DECIDE),
    # Centers: own fields by the department and the head; termination by the department.
    *refused(
        "patch",
        "center-detail",
        "center",
        CENTER_PATCH,
        also=[(a, 403) for a in ("coordinator", "methodist", "regional", "org_admin", "expert", "teacher_user")],
    ),
    Case("department", "patch", "center-detail", "center", 200, CENTER_PATCH),
    Case("head", "patch", "center-detail", "center", 200, CENTER_PATCH),
    Case("other_head", "patch", "center-detail", "center", 404, CENTER_PATCH),
    Case("other_department", "patch", "center-detail", "center", 404, CENTER_PATCH),
    Case("department", "post", "center-list", expected=405, body=CENTER_PATCH),
    Case("department", "delete", "center-detail", "center", 405),
    *refused(
        "post",
        "center-terminate",
        "center",
        TERMINATE,
        also=[(a, 403) for a in ("head", "regional", "coordinator", "org_admin", "expert", "other_head")],
    ),
    Case("department", "post", "center-terminate", "center", 200, TERMINATE),
    Case("other_department", "post", "center-terminate", "center", 404, TERMINATE),
    # Staff: the department and the head appoint and end.
    *refused(
        "post",
        "staff-list",
        body=STAFF,
        also=[(a, 403) for a in ("coordinator", "methodist", "reporter", "regional", "org_admin")],
    ),
    Case("department", "post", "staff-list", expected=201, body=STAFF),
    Case("head", "post", "staff-list", expected=201, body=STAFF),
    Case("other_department", "post", "staff-list", expected=404, body=STAFF),
    Case("other_head", "post", "staff-list", expected=404, body=STAFF),
    *refused("post", "staff-end", "staff", END, also=[(a, 403) for a in ("coordinator", "methodist", "regional")]),
    Case("head", "post", "staff-end", "staff", 200, END),
    Case("department", "post", "staff-end", "staff", 200, END),
    Case("other_department", "post", "staff-end", "staff", 404, END),
    Case("other_head", "post", "staff-end", "staff", 404, END),
    Case("department", "delete", "staff-detail", "staff", 405),
    # Associations: created by the department and the head, edited by the methodist too.
    *refused(
        "post", "association-list", body=ASSOCIATION, also=[(a, 403) for a in ("methodist", "coordinator", "regional")]
    ),
    Case("head", "post", "association-list", expected=201, body=ASSOCIATION),
    Case("department", "post", "association-list", expected=201, body=ASSOCIATION),
    Case("other_department", "post", "association-list", expected=404, body=ASSOCIATION),
    Case("other_head", "post", "association-list", expected=404, body=ASSOCIATION),
    *refused(
        "patch",
        "association-detail",
        "association",
        ASSOCIATION_PATCH,
        also=[(a, 403) for a in ("coordinator", "regional", "reporter")],
    ),
    Case("methodist", "patch", "association-detail", "association", 200, ASSOCIATION_PATCH),
    Case("other_head", "patch", "association-detail", "association", 404, ASSOCIATION_PATCH),
    # Agreements: the department and the head.
    *refused(
        "post", "agreement-list", body=AGREEMENT, also=[(a, 403) for a in ("methodist", "coordinator", "regional")]
    ),
    Case("head", "post", "agreement-list", expected=201, body=AGREEMENT),
    Case("other_department", "post", "agreement-list", expected=404, body=AGREEMENT),
    *refused(
        "patch", "agreement-detail", "agreement", AGREEMENT_PATCH, also=[(a, 403) for a in ("methodist", "coordinator")]
    ),
    Case("department", "patch", "agreement-detail", "agreement", 200, AGREEMENT_PATCH),
    Case("other_department", "patch", "agreement-detail", "agreement", 404, AGREEMENT_PATCH),
    # Documents: the center's staff file them; the coordinator only reads.
    *refused("post", "document-list", body=DOCUMENT, also=[(a, 403) for a in ("coordinator", "regional", "org_admin")]),
    *[Case(a, "post", "document-list", expected=201, body=DOCUMENT) for a in ("head", "methodist", "reporter")],
    Case("other_department", "post", "document-list", expected=404, body=DOCUMENT),
    Case("other_head", "post", "document-list", expected=404, body=DOCUMENT),
    # Orders are read-only here.
    Case("department", "post", "order-list", expected=405, body=KIND),
    Case("department", "delete", "order-detail", "order", 405),
]


@pytest.fixture
def world(world):
    world = build(world)
    from resurs.centers.models import CenterKind, ReviewCriterion

    world.kind = CenterKind.objects.get(code="school_rc")
    world.criterion = ReviewCriterion.objects.order_by("sort_order").first()
    return world


def address(world, case):
    name = f"api:centers-{case.name}"
    args = (case.arg,) if isinstance(case.arg, str) else case.arg or ()
    url = reverse(name, args=[getattr(world, arg).pk for arg in args])
    if case.query:
        query = "&".join(
            f"{k}={getattr(world, v[1:]).pk if v.startswith('@') else v}"
            for k, v in (part.split("=") for part in case.query.split("&"))
        )
        url = f"{url}?{query}"
    return url


def client_for(world, case):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    user = getattr(world, case.actor)
    if user is not None:
        client.force_login(user)  # before the state is taken: logging in records the login time
    return client


def send(client, world, case):
    url = address(world, case)
    if case.method == "get":
        return client.get(url)
    data, fmt = case.body(world) if case.body else ({}, "json")
    return getattr(client, case.method)(url, data, format=fmt)


@pytest.mark.parametrize("case", READS, ids=str)
def test_read(world, case):
    client = client_for(world, case)
    before = state()
    response = send(client, world, case)
    assert response.status_code == case.expected, response.content[:300]
    if case.expected == 200 and case.name.endswith("-list"):
        ids = {row["id"] for row in response.json()["results"]}
        for name in case.visible:
            assert getattr(world, name).pk in ids, f"{name} missing"
        for name in case.hidden:
            assert getattr(world, name).pk not in ids, f"{name} leaked"
    elif case.expected == 200 and case.name.endswith("-detail"):
        assert response.json()["id"] == getattr(world, case.arg).pk
    assert state() == before


@pytest.mark.parametrize("case", WRITES, ids=str)
def test_write(world, case):
    client = client_for(world, case)
    before = state()
    response = send(client, world, case)
    assert response.status_code == case.expected, response.content[:300]
    if case.expected >= 400:
        assert state() == before
    else:
        assert state() != before


def test_every_route_is_in_the_matrix():
    """A new endpoint or action of the centers API cannot ship without its rows here."""
    from django.urls import get_resolver

    api = get_resolver().namespace_dict["api"][1]  # the router's routes, without importing the upper api layer
    names = {key for key in api.reverse_dict if isinstance(key, str) and key.startswith("centers-")}
    routes = {name.removeprefix("centers-") for name in names}
    covered = {case.name for case in READS + WRITES}
    assert routes == covered, (sorted(routes - covered), sorted(covered - routes))
