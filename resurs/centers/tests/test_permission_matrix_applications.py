"""Permission matrix of the application workflow and the orders registry: every page and action, every kind of actor.

Anonymous → login; no role (or a role without the code) → 403; outside the scope → 404; an expert on an application
that is not under review → 404; in scope → the page or the write. Denied requests change nothing (run_case)."""

import datetime

import pytest

from resurs.centers import services
from resurs.centers.models import (
    Application,
    ApplicationAttachment,
    ApplicationDeadline,
    Center,
    CenterKind,
    Order,
    Review,
    ReviewCriterion,
)
from resurs.common.tests.matrix import INVALID, LOGIN, SAVED, Case, case_params, run_case

from .applications_world import all_scores, build, pdf


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def mw(world):
    aw = build(world)
    aw.attachment = ApplicationAttachment.objects.create(application=aw.draft, title="plan.pdf", file=pdf("plan.pdf"))
    services.save_review(
        actor=aw.expert2, application=aw.reviewed, scores=all_scores(4), comment="", recommendation="approve"
    )
    services.attach_order_scan(actor=aw.department, order=aw.org_order, upload=pdf("signed.pdf"))
    return aw


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"centers:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=(), methods=("get", "post"), also=()):
    """Anonymous → login, no role → 403 (and the listed actors → 403), for each method."""
    cases = [C("anonymous", url_name, args, m, LOGIN) for m in methods]
    cases += [C(actor, url_name, args, m, 403) for actor in ("no_role", *also) for m in methods]
    return cases


MATRIX = [
    # Center kinds: everyone with a centers role reads them; the department keeps them.
    *denied("kind-list", methods=("get",), also=("teacher_user",)),
    C("org_admin", "kind-list", visible=("kind",)),
    C("department", "kind-list", visible=("kind",)),
    *denied("kind-detail", ["kind"], methods=("get",), also=("teacher_user",)),
    C("expert", "kind-detail", ["kind"]),
    C("department", "kind-detail", ["kind"]),
    *denied("kind-create", also=("org_admin", "expert", "regional")),
    C("department", "kind-create"),
    C("department", "kind-create", method="post", expected=SAVED),
    *denied("kind-update", ["kind"], also=("org_admin", "expert", "regional")),
    C("department", "kind-update", ["kind"]),
    C("department", "kind-update", ["kind"], "post", SAVED),
    # Review criteria: the department keeps them, experts and the region read them.
    *denied("criterion-list", methods=("get",), also=("org_admin", "teacher_user")),
    C("expert", "criterion-list"),
    C("regional", "criterion-list"),
    C("department", "criterion-list"),
    *denied("criterion-create", also=("expert", "regional", "org_admin")),
    C("department", "criterion-create"),
    C("department", "criterion-create", method="post", expected=SAVED),
    *denied("criterion-update", ["criterion"], also=("expert", "regional")),
    C("department", "criterion-update", ["criterion"]),
    C("department", "criterion-update", ["criterion"], "post", SAVED),
    # Deadlines: per municipality, kept by its department.
    *denied("deadline-list", methods=("get",), also=("org_admin", "expert")),
    C("department", "deadline-list"),
    C("regional", "deadline-list"),
    *denied("deadline-create", also=("regional", "org_admin")),
    C("department", "deadline-create"),
    C("department", "deadline-create", method="post", expected=SAVED),
    C("other_department", "deadline-create", method="post", expected=INVALID),
    *denied("deadline-update", ["deadline"], also=("regional",)),
    C("department", "deadline-update", ["deadline"]),
    C("department", "deadline-update", ["deadline"], "post", SAVED),
    C("other_department", "deadline-update", ["deadline"], expected=404),
    C("other_department", "deadline-update", ["deadline"], "post", 404),
    # Applications: the organization its own, the department its municipality's, experts only under review.
    *denied("application-list", methods=("get",), also=("teacher_user",)),
    C("org_admin", "application-list", visible=("draft",), hidden=("reviewed", "other_application")),
    C("department", "application-list", visible=("draft", "reviewed"), hidden=("other_application",)),
    C("regional", "application-list", visible=("draft", "reviewed", "other_application")),
    C("expert", "application-list", visible=("reviewed",), hidden=("draft", "other_application")),
    C("other_expert", "application-list", visible=("other_application",), hidden=("draft", "reviewed")),
    *denied("application-detail", ["draft"], methods=("get",), also=("teacher_user",)),
    C("org_admin", "application-detail", ["draft"]),
    C("department", "application-detail", ["draft"]),
    C("regional", "application-detail", ["draft"]),
    C("other_org_admin", "application-detail", ["draft"], expected=404),
    C("other_department", "application-detail", ["draft"], expected=404),
    C("expert", "application-detail", ["draft"], expected=404),
    C("expert", "application-detail", ["reviewed"]),
    C("other_expert", "application-detail", ["reviewed"], expected=404),
    C("org_admin", "application-detail", ["reviewed"], expected=404),
    *denied("application-create", also=("department", "expert", "regional")),
    C("org_admin", "application-create"),
    C("org_admin", "application-create", method="post", expected=SAVED),
    C("other_org_admin", "application-create", method="post", expected=INVALID),
    *denied("application-update", ["draft"], also=("department", "expert", "regional")),
    C("org_admin", "application-update", ["draft"]),
    C("org_admin", "application-update", ["draft"], "post", SAVED),
    C("other_org_admin", "application-update", ["draft"], expected=404),
    C("other_org_admin", "application-update", ["draft"], "post", 404),
    *denied("application-submit", ["draft"], methods=("post",), also=("department", "expert", "regional")),
    C("other_org_admin", "application-submit", ["draft"], "post", 404),
    C("org_admin", "application-submit", ["draft"], "get", 405),
    C("org_admin", "application-submit", ["draft"], "post", SAVED),
    *denied("application-file", ["draft"], methods=("get",), also=("teacher_user",)),
    C("org_admin", "application-file", ["draft"]),
    C("department", "application-file", ["draft"]),
    C("other_org_admin", "application-file", ["draft"], expected=404),
    C("expert", "application-file", ["draft"], expected=404),
    C("expert", "application-file", ["reviewed"]),
    C("other_expert", "application-file", ["reviewed"], expected=404),
    *denied("application-attachment", ["draft", "attachment"], methods=("get",)),
    C("org_admin", "application-attachment", ["draft", "attachment"]),
    C("other_org_admin", "application-attachment", ["draft", "attachment"], expected=404),
    C("expert", "application-attachment", ["draft", "attachment"], expected=404),
    C("org_admin", "application-attachment", ["reviewed", "attachment"], expected=404),
    # Expert review: only council members, only in their municipality, only while under review.
    *denied("application-review", ["reviewed"], also=("org_admin", "department", "regional")),
    C("other_expert", "application-review", ["reviewed"], expected=404),
    C("other_expert", "application-review", ["reviewed"], "post", 404),
    C("expert", "application-review", ["draft"], expected=404),
    C("expert", "application-review", ["draft"], "post", 404),
    C("expert", "application-review", ["reviewed"]),
    C("expert", "application-review", ["reviewed"], "post", SAVED),
    # Decision: the department of the municipality.
    *denied("application-decide", ["reviewed"], also=("org_admin", "expert", "regional")),
    C("other_department", "application-decide", ["reviewed"], expected=404),
    C("other_department", "application-decide", ["reviewed"], "post", 404),
    C("department", "application-decide", ["reviewed"]),
    C("department", "application-decide", ["reviewed"], "post", SAVED),
    # Orders: seen by the issuer's department and organization and by the center's staff.
    *denied("order-list", methods=("get",), also=("teacher_user", "expert")),
    C("department", "order-list", visible=("order", "org_order"), hidden=("other_order",)),
    C("other_department", "order-list", visible=("other_order",), hidden=("order", "org_order")),
    C("org_admin", "order-list", visible=("org_order",), hidden=("order", "other_order")),
    C("head", "order-list", visible=("order", "org_order"), hidden=("other_order",)),
    *denied("order-detail", ["order"], methods=("get",), also=("teacher_user",)),
    C("department", "order-detail", ["order"]),
    C("head", "order-detail", ["order"]),
    C("other_department", "order-detail", ["order"], expected=404),
    C("org_admin", "order-detail", ["order"], expected=404),
    C("org_admin", "order-detail", ["org_order"]),
    *denied("order-document", ["order"], methods=("get",), also=("teacher_user",)),
    C("department", "order-document", ["order"]),
    C("head", "order-document", ["order"]),
    C("other_department", "order-document", ["order"], expected=404),
    C("org_admin", "order-document", ["order"], expected=404),
    *denied("order-scan", ["org_order"], methods=("get",)),
    C("department", "order-scan", ["org_order"]),
    C("org_admin", "order-scan", ["org_order"]),
    C("other_department", "order-scan", ["org_order"], expected=404),
    C("department", "order-scan", ["order"], expected=404),  # no scan attached
    *denied("order-scan-upload", ["order"], methods=("post",), also=("org_admin", "head", "regional")),
    C("other_department", "order-scan-upload", ["order"], "post", 404),
    C("department", "order-scan-upload", ["order"], "post", SAVED),
    *denied("order-regenerate", ["order"], methods=("post",), also=("org_admin", "head", "regional")),
    C("other_department", "order-regenerate", ["order"], "post", 404),
    C("department", "order-regenerate", ["order"], "get", 405),
    C("department", "order-regenerate", ["order"], "post", SAVED),
    *denied("order-create", also=("org_admin", "regional", "expert")),
    C("department", "order-create"),
    C("department", "order-create", method="post", expected=SAVED),
    C("other_department", "order-create", method="post", expected=INVALID),
    C("head", "order-create", method="post", expected=SAVED),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name == "kind-create":
        return {
            "code": "pilot",
            "name": "Пилотная площадка",
            "planning_period": "calendar",
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-code": "plan",
            "documents-0-name": "План работы",
            "rules-TOTAL_FORMS": "0",
            "rules-INITIAL_FORMS": "0",
        }
    if name == "kind-update":
        return {
            "code": w.kind.code,
            "name": "Школьный ресурсный центр",
            "planning_period": "academic",
            "version_seen": w.kind.version,
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "rules-TOTAL_FORMS": "0",
            "rules-INITIAL_FORMS": "0",
        }
    if name in ("criterion-create", "criterion-update"):
        return {"name": "Сетевое взаимодействие", "max_score": "7", "sort_order": "5", "is_active": "on"}
    if name in ("deadline-create", "deadline-update"):
        return {"municipality": w.mun.pk, "year": 2031, "deadline": "2031-05-31"}
    if name in ("application-create", "application-update"):
        return {
            "organization": w.org.pk,
            "kind": w.kind.pk,
            "title": "Ресурсный центр «Робототехника»",
            "directions": [w.direction.pk],
            "staff_resources": "Кадры",
            "version_seen": w.draft.version,
        }
    if name == "application-review":
        return {**{f"score_{pk}": 3 for pk in all_scores()}, "comment": "Обоснованно", "recommendation": "approve"}
    if name == "application-decide":
        return {
            "decision": "approve",
            "approve-term_start": "2026-09-01",
            "approve-term_end": "2029-08-31",
            "approve-order_number": "300",
            "approve-order_date": "2026-06-10",
        }
    if name == "order-scan-upload":
        return {"file": pdf("prikaz.pdf")}
    if name == "order-create":
        issuer = f"o{w.org.pk}" if case.actor == "head" else f"m{w.mun.pk}"
        return {
            "issuer": issuer,
            "kind": "responsible",
            "center": w.center.pk,
            "number": "77",
            "date": "2026-04-15",
            "points": "Назначить ответственных.",
        }
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        if name == "kind-create":
            kind = CenterKind.objects.get(code="pilot")
            assert (kind.name, kind.required_documents, kind.updated_by) == (
                "Пилотная площадка",
                [{"code": "plan", "name": "План работы"}],
                actor,
            )
        elif name == "kind-update":
            kind = CenterKind.objects.get(pk=w.kind.pk)
            assert (kind.name, kind.planning_period, kind.version, kind.required_documents) == (
                "Школьный ресурсный центр",
                "academic",
                2,
                [],
            )
        elif name == "criterion-create":
            assert ReviewCriterion.objects.get(name="Сетевое взаимодействие").max_score == 7
        elif name == "criterion-update":
            criterion = ReviewCriterion.objects.get(pk=w.criterion.pk)
            assert (criterion.name, criterion.max_score, criterion.sort_order) == ("Сетевое взаимодействие", 7, 5)
        elif name == "deadline-create":
            assert ApplicationDeadline.objects.get(municipality=w.mun, year=2031).deadline == datetime.date(2031, 5, 31)
        elif name == "deadline-update":
            deadline = ApplicationDeadline.objects.get(pk=w.deadline.pk)
            assert (deadline.year, deadline.deadline) == (2031, datetime.date(2031, 5, 31))
        elif name == "application-create":
            application = Application.objects.get(title="Ресурсный центр «Робототехника»")
            assert (application.organization, application.status, application.updated_by) == (w.org, "draft", actor)
        elif name == "application-update":
            application = Application.objects.get(pk=w.draft.pk)
            assert (application.title, application.version, application.staff_resources) == (
                "Ресурсный центр «Робототехника»",
                2,
                "Кадры",
            )
        elif name == "application-submit":
            application = Application.objects.get(pk=w.draft.pk)
            assert (application.status, application.submitted_by) == ("under_review", actor)
        elif name == "application-review":
            review = Review.objects.get(application=w.reviewed, expert=actor)
            assert (review.total, review.comment) == (3 * len(all_scores()), "Обоснованно")
        elif name == "application-decide":
            application = Application.objects.get(pk=w.reviewed.pk)
            assert (application.status, application.decided_by) == ("approved", actor)
            assert Order.objects.get(application=application).number == "300"
            assert Center.objects.filter(application=application).count() == 1
        elif name == "order-scan-upload":
            order = Order.objects.get(pk=w.order.pk)
            assert order.signed_scan.name.endswith(".pdf") and order.version == 2
        elif name == "order-regenerate":
            order = Order.objects.get(pk=w.order.pk)
            assert order.document_id != w.order.document_id
            assert order.document.generated_by == actor
        elif name == "order-create":
            order = Order.objects.get(number="77")
            issuer = w.org if case.actor == "head" else w.mun
            assert (order.issuer, order.kind, order.center, order.updated_by) == (
                issuer,
                "responsible",
                w.center,
                actor,
            )
            assert order.document is not None
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_applications_permission_matrix(client, mw, case):
    run_case(client, mw, case, data=_data(mw, case), saved=_saved(mw, case))
