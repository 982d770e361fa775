"""Permission matrix of the product pages (SPEC §7): the center's staff keep their center's registry, publications and
programmes; another center's staff sees nothing of them (404); the department reads, assigns experts, decides and
sees the best practices proposed for replication; an expert of the municipality reviews only what is assigned to
them; anonymous users get the login page (the public bank is tested in test_public.py). Refusals change nothing."""

import datetime

import pytest

from resurs.audit.models import ActionLog
from resurs.common.tests.matrix import INVALID, LOGIN, SAVED, Case, case_params, run_case
from resurs.events.tests.factories import EventFactory
from resurs.products import services
from resurs.products.models import Criterion, Presentation, PresentationItem, Product, ProductFile, Publication
from resurs.products.tests.factories import (
    ProductFactory,
    add_author,
    build_products_world,
    full_scores,
    pdf,
    publication,
)

S = Product.Status


@pytest.fixture
def world(world):
    w = build_products_world(world)
    w.under_review = ProductFactory(center=w.center, title="Программа «Шахматы»", status=S.REVIEW)
    add_author(w.under_review, w.teacher)
    w.review = services.assign_reviewer(actor=w.head, product=w.under_review, reviewer=w.expert)
    w.reviewed = ProductFactory(center=w.center, title="Проект «Экология»", status=S.REVIEW)
    add_author(w.reviewed, w.teacher)
    r = services.assign_reviewer(actor=w.head, product=w.reviewed, reviewer=w.expert2)
    services.submit_review(actor=w.expert2, review=r, scores=full_scores(w), recommendation="approve")
    w.approved = ProductFactory(center=w.center, title="Рекомендации «Оценивание»", status=S.APPROVED)
    w.proposed = ProductFactory(
        center=w.center, title="Технология «Перевёрнутый класс»", status=S.PUBLISHED, proposed_for_replication=True
    )
    w.far_proposed = ProductFactory(
        center=w.far_center, title="Чужая практика", status=S.PUBLISHED, proposed_for_replication=True
    )
    w.file = services.add_file(actor=w.head, product=w.product, title="Разработка", upload=pdf())
    w.far_file = ProductFile.objects.create(product=w.far_product, title="Чужой файл", url="https://x.ru")
    w.publication = publication(w.center, title="Пост о семинаре")
    w.far_publication = publication(w.far_center, title="Чужой пост")
    w.presentation = Presentation.objects.create(center=w.center, title="Весна", date=datetime.date(2026, 4, 1))
    w.far_presentation = Presentation.objects.create(center=w.far_center, title="Чужая", date=datetime.date(2026, 4, 1))
    w.item = PresentationItem.objects.create(presentation=w.presentation, kind="coverage", publication=w.publication)
    w.event = EventFactory(center=w.center, title="Открытый урок")
    w.criterion = Criterion.objects.order_by("sort_order").first()
    return w


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"products:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=(), methods=("get", "post")):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


STAFF = ("head", "reporter", "methodist")
MATRIX = [
    *denied("product-list", methods=("get",)),
    *[C(a, "product-list", visible=("product", "approved"), hidden=("sibling_product", "far_product")) for a in STAFF],
    C("organizer", "product-list", visible=("product",), hidden=("far_product",)),
    C("department", "product-list", visible=("product", "sibling_product"), hidden=("far_product",)),
    C("expert", "product-list", visible=("product",), hidden=("far_product",)),
    C("far_expert", "product-list", visible=("far_product",), hidden=("product",)),
    C("teacher_user", "product-list", hidden=("product",)),
    C("org_admin", "product-list", expected=403),
    *denied("product-create"),
    C("methodist", "product-create"),
    C("methodist", "product-create", method="post", expected=SAVED),
    C("reporter", "product-create", method="post", expected=SAVED),
    C("teacher_user", "product-create", method="post", expected=SAVED),
    C("sibling_head", "product-create", method="post", expected=INVALID),  # our center is no choice of theirs
    C("department", "product-create", method="post", expected=403),
    C("expert", "product-create", expected=403),
    *denied("product-detail", ["product"], methods=("get",)),
    *[C(a, "product-detail", ["product"]) for a in (*STAFF, "organizer", "department", "expert", "coordinator")],
    C("sibling_head", "product-detail", ["product"], expected=404),
    C("far_expert", "product-detail", ["product"], expected=404),
    C("teacher_user", "product-detail", ["product"], expected=404),
    C("org_admin", "product-detail", ["product"], expected=403),
    *denied("product-update", ["product"]),
    C("methodist", "product-update", ["product"]),
    C("methodist", "product-update", ["product"], "post", SAVED),
    C("reporter", "product-update", ["under_review"], "post", INVALID),  # under review: not editable
    C("organizer", "product-update", ["product"], "post", 403),
    C("department", "product-update", ["product"], "post", 403),
    C("sibling_head", "product-update", ["product"], "post", 404),
    C("anonymous", "product-action", ["product", "submit"], "post", LOGIN),
    C("no_role", "product-action", ["product", "submit"], "post", 403),
    C("head", "product-action", ["product", "submit"], "get", 405),
    C("reporter", "product-action", ["product", "submit"], "post", SAVED),
    C("organizer", "product-action", ["product", "submit"], "post", 403),
    C("sibling_head", "product-action", ["product", "submit"], "post", 404),
    C("department", "product-action", ["reviewed", "approve"], "post", SAVED),
    C("department", "product-action", ["reviewed", "revise"], "post", SAVED),
    C("department", "product-action", ["under_review", "approve"], "post", 400),  # no submitted review
    C("other_department", "product-action", ["reviewed", "approve"], "post", 404),
    C("head", "product-action", ["reviewed", "approve"], "post", 403),
    C("expert2", "product-action", ["reviewed", "approve"], "post", 403),
    C("head", "product-action", ["approved", "publish"], "post", SAVED),
    C("methodist", "product-action", ["approved", "publish"], "post", 403),
    C("head", "product-action", ["product", "publish"], "post", 400),  # a draft
    C("head", "product-action", ["product", "explode"], "post", 404),
    *denied("product-propose", ["approved"], methods=("post",)),
    C("reporter", "product-propose", ["approved"], "post", SAVED),
    C("reporter", "product-propose", ["product"], "post", 400),  # a draft is not a best practice yet
    C("department", "product-propose", ["approved"], "post", 403),
    C("sibling_head", "product-propose", ["approved"], "post", 404),
    *denied("product-delete", ["product"], methods=("post",)),
    C("head", "product-delete", ["product"], "post", SAVED),
    C("head", "product-delete", ["approved"], "post", 400),
    C("department", "product-delete", ["product"], "post", 403),
    C("sibling_head", "product-delete", ["product"], "post", 404),
    *denied("file-add", ["product"], methods=("post",)),
    C("methodist", "file-add", ["product"], "post", SAVED),
    C("methodist", "file-add", ["approved"], "post", 400),
    C("department", "file-add", ["product"], "post", 403),
    C("sibling_head", "file-add", ["product"], "post", 404),
    *denied("file-delete", ["file"], methods=("post",)),
    C("methodist", "file-delete", ["file"], "post", SAVED),
    C("methodist", "file-delete", ["far_file"], "post", 404),
    C("department", "file-delete", ["file"], "post", 403),
    *denied("file-download", ["file"], methods=("get",)),
    C("methodist", "file-download", ["file"]),
    C("department", "file-download", ["file"]),
    C("expert", "file-download", ["file"]),
    C("methodist", "file-download", ["far_file"], expected=404),
    C("sibling_head", "file-download", ["file"], expected=404),
    *denied("review-assign", ["under_review"], methods=("post",)),
    C("head", "review-assign", ["under_review"], "post", SAVED),
    C("department", "review-assign", ["under_review"], "post", SAVED),
    C("reporter", "review-assign", ["under_review"], "post", 403),
    C("expert", "review-assign", ["under_review"], "post", 403),
    C("sibling_head", "review-assign", ["under_review"], "post", 404),
    C("head", "review-assign", ["product"], "post", 400),  # a draft is not under review
    *denied("review", ["under_review"]),
    C("expert", "review", ["under_review"]),
    C("expert", "review", ["under_review"], "post", SAVED),
    C("expert2", "review", ["under_review"], expected=404),  # not assigned to them
    C("far_expert", "review", ["under_review"], expected=404),
    C("head", "review", ["under_review"], expected=403),
    C("department", "review", ["under_review"], "post", 403),
    C("anonymous", "my-reviews", expected=LOGIN),
    C("no_role", "my-reviews", expected=403),
    C("expert", "my-reviews", visible=("under_review",), hidden=("reviewed", "far_product")),
    C("head", "my-reviews", expected=403),
    *denied("replication-list", methods=("get",)),
    C("department", "replication-list", visible=("proposed",), hidden=("far_proposed", "product")),
    C("head", "replication-list", visible=("proposed",), hidden=("far_proposed",)),
    C("other_department", "replication-list", hidden=("proposed",)),
    C("org_admin", "replication-list", expected=403),
    *denied("criterion-list", methods=("get",)),
    C("department", "criterion-list"),
    C("expert", "criterion-list"),
    C("head", "criterion-list", expected=403),
    *denied("criterion-create"),
    C("department", "criterion-create", method="post", expected=SAVED),
    C("expert", "criterion-create", method="post", expected=403),
    C("head", "criterion-create", method="post", expected=403),
    *denied("criterion-update", ["criterion"]),
    C("department", "criterion-update", ["criterion"], "post", SAVED),
    C("expert", "criterion-update", ["criterion"], "post", 403),
    *denied("publication-list", methods=("get",)),
    C("reporter", "publication-list", visible=("publication",), hidden=("far_publication",)),
    C("department", "publication-list", visible=("publication",), hidden=("far_publication",)),
    C("expert", "publication-list", expected=403),
    *denied("publication-create"),
    C("reporter", "publication-create"),
    C("reporter", "publication-create", method="post", expected=SAVED),
    C("sibling_head", "publication-create", method="post", expected=INVALID),
    C("methodist", "publication-create", method="post", expected=403),
    C("department", "publication-create", method="post", expected=403),
    *denied("publication-detail", ["publication"], methods=("get",)),
    C("reporter", "publication-detail", ["publication"]),
    C("sibling_head", "publication-detail", ["publication"], expected=404),
    *denied("publication-update", ["publication"]),
    C("head", "publication-update", ["publication"], "post", SAVED),
    C("department", "publication-update", ["publication"], "post", 403),
    C("sibling_head", "publication-update", ["publication"], "post", 404),
    *denied("publication-delete", ["publication"], methods=("post",)),
    C("head", "publication-delete", ["far_publication"], "post", 404),
    C("department", "publication-delete", ["publication"], "post", 403),
    *denied("presentation-list", methods=("get",)),
    C("head", "presentation-list", visible=("presentation",), hidden=("far_presentation",)),
    C("department", "presentation-list", visible=("presentation",), hidden=("far_presentation",)),
    *denied("presentation-create"),
    C("head", "presentation-create", method="post", expected=SAVED),
    C("methodist", "presentation-create", method="post", expected=403),
    *denied("presentation-detail", ["presentation"], methods=("get",)),
    C("head", "presentation-detail", ["presentation"]),
    C("department", "presentation-detail", ["presentation"]),
    C("head", "presentation-detail", ["far_presentation"], expected=404),
    *denied("presentation-update", ["presentation"]),
    C("reporter", "presentation-update", ["presentation"], "post", SAVED),
    C("department", "presentation-update", ["presentation"], "post", 403),
    *denied("presentation-delete", ["presentation"], methods=("post",)),
    C("head", "presentation-delete", ["presentation"], "post", SAVED),
    C("department", "presentation-delete", ["presentation"], "post", 403),
    C("sibling_head", "presentation-delete", ["presentation"], "post", 404),
    *denied("item-add", ["presentation"], methods=("post",)),
    C("head", "item-add", ["presentation"], "post", SAVED),
    C("department", "item-add", ["presentation"], "post", 403),
    C("far_head", "item-add", ["presentation"], "post", 404),
    *denied("item-delete", ["item"], methods=("post",)),
    C("reporter", "item-delete", ["item"], "post", SAVED),
    C("department", "item-delete", ["item"], "post", 403),
    C("far_head", "item-delete", ["item"], "post", 404),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    target = getattr(w, case.args[0]) if case.args else None
    if name in ("product-create", "product-update"):
        data = {
            "center": w.center.pk,
            "kind": "program",
            "title": "Новая программа",
            "year": "2026",
            "direction": w.direction.pk,
            "authors": [w.teacher.pk],
        }
        if name == "product-update":
            data["version_seen"] = Product.objects.get(pk=target.pk).version
        return data
    if name == "product-action":
        return {"comment": "Замечания экспертов"}
    if name == "product-propose":
        return {"proposed": "1"}
    if name == "file-add":
        return {"title": "Презентация", "file": pdf("slides.pdf", b"%PDF-1.4 slides")}
    if name == "review-assign":
        return {"reviewer": w.expert2.pk}
    if name == "review":
        return {**{f"score_{c.pk}": "4" for c in w.criteria}, "recommendation": "approve", "comment": "Хорошо"}
    if name in ("criterion-create", "criterion-update"):
        return {"name": "Соответствие ФГОС", "max_score": "10", "sort_order": "60", "is_active": "on"}
    if name in ("publication-create", "publication-update"):
        data = {"center": w.center.pk, "channel": "media", "title": "Статья в газете", "date": "2026-05-01"}
        if name == "publication-update":
            data["version_seen"] = target.version
        return data
    if name in ("presentation-create", "presentation-update"):
        data = {"center": w.center.pk, "title": "Осень 2026", "date": "2026-10-15"}
        if name == "presentation-update":
            data["version_seen"] = target.version
        return data
    if name == "item-add":
        return {"kind": "lesson", "event": w.event.pk, "on_theme": "on"}
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        target = getattr(w, case.args[0]) if case.args else None
        if name == "product-create":
            product = Product.objects.get(title="Новая программа")
            assert (product.center, product.status, product.created_by) == (w.center, "draft", actor)
            assert [a.teacher for a in product.authors.all()] == [w.teacher]
        elif name == "product-update":
            product = Product.objects.get(pk=target.pk)
            assert (product.title, product.version, product.updated_by) == (
                "Новая программа",
                target.version + 1,
                actor,
            )
        elif name == "product-action":
            action = case.args[1]
            product = Product.objects.get(pk=target.pk)
            expected = {"submit": "review", "approve": "approved", "revise": "revision", "publish": "published"}
            assert product.status == expected[action]
            assert ActionLog.objects.filter(code=f"products.product.{action}", object_id=str(product.pk), actor=actor)
        elif name == "product-propose":
            assert Product.objects.get(pk=target.pk).proposed_for_replication is True
        elif name == "product-delete":
            assert not Product.objects.filter(pk=target.pk).exists()
        elif name == "file-add":
            assert w.product.files.get(title="Презентация").file.read() == b"%PDF-1.4 slides"
        elif name == "file-delete":
            assert not ProductFile.objects.filter(pk=target.pk).exists()
        elif name == "review-assign":
            assert target.reviews.filter(reviewer=w.expert2, assigned_by=actor).exists()
        elif name == "review":
            review = target.reviews.get(reviewer=actor)
            assert (review.total, review.recommendation, review.comment) == (20, "approve", "Хорошо")
        elif name in ("criterion-create", "criterion-update"):
            criterion = Criterion.objects.get(name="Соответствие ФГОС")
            assert criterion.max_score == 10
        elif name in ("publication-create", "publication-update"):
            item = Publication.objects.get(title="Статья в газете")
            assert (item.center, item.channel, item.updated_by) == (w.center, "media", actor)
        elif name in ("presentation-create", "presentation-update"):
            item = Presentation.objects.get(title="Осень 2026")
            assert (item.center, item.date) == (w.center, datetime.date(2026, 10, 15))
        elif name == "presentation-delete":
            assert not Presentation.objects.filter(pk=target.pk).exists()
        elif name == "item-add":
            assert w.presentation.items.filter(kind="lesson", event=w.event).exists()
        elif name == "item-delete":
            assert not PresentationItem.objects.filter(pk=target.pk).exists()
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_products_permission_matrix(client, world, case):
    from resurs.accounts.testing import make_user

    world.coordinator = make_user("pr_coordinator", "coordinator", "center", world.center)
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
