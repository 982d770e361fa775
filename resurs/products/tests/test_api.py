"""Product API (SPEC §7): the same services and scopes as the pages; the review workflow as POST actions, files as
multipart uploads checked by type and content, publications and programmes with their completeness. A refused rule
is a 400 with its code and changes nothing; an object outside the scope is a 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from resurs.common.tests.matrix import db_state
from resurs.events.tests.factories import EventFactory
from resurs.products.models import Product, Publication
from resurs.products.tests.factories import add_author, build_products_world, full_scores, level, pdf

pytestmark = pytest.mark.django_db
S = Product.Status


@pytest.fixture
def w(world):
    return build_products_world(world)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def refused(client, method, url, data, status, code=None, **kwargs):
    before = db_state()
    response = getattr(client, method)(url, data, **kwargs)
    assert response.status_code == status, response.content
    if code:
        assert response.json()["code"] == code, response.json()
    assert db_state() == before
    return response


def test_product_lifecycle_through_the_api(w):
    head = api(w.head)
    response = head.post(
        "/api/v1/products/",
        {
            "center": w.center.pk,
            "kind": "technology",
            "title": "Технология смешанного обучения",
            "year": 2026,
            "authors": [w.teacher.pk, w.teacher2.pk],
            "levels": [level("ООО").pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    pk = body["id"]
    assert (body["status"], [a["teacher"] for a in body["authors"]]) == ("draft", [w.teacher.pk, w.teacher2.pk])
    upload = head.post(f"/api/v1/products/{pk}/files/", {"title": "Описание", "file": pdf()}, format="multipart")
    assert upload.status_code == 201 and upload.json()["file_type"] == "pdf"
    refused(
        head,
        "post",
        f"/api/v1/products/{pk}/files/",
        {"file": SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>")},
        400,
        "file_type",
        format="multipart",
    )
    refused(
        head,
        "post",
        f"/api/v1/products/{pk}/files/",
        {"file": SimpleUploadedFile("x.exe", b"MZ")},
        400,
        "file_type",
        format="multipart",
    )
    assert head.post(f"/api/v1/products/{pk}/submit/").json()["status"] == "review"
    refused(head, "post", f"/api/v1/products/{pk}/assign/", {"reviewer": w.far_expert.pk}, 400, "reviewer_not_expert")
    assert head.post(f"/api/v1/products/{pk}/assign/", {"reviewer": w.expert.pk}).status_code == 201
    expert = api(w.expert)
    refused(
        expert,
        "post",
        f"/api/v1/products/{pk}/review/",
        {"scores": full_scores(w, 9), "recommendation": "approve"},
        400,
        "score_range",
        format="json",
    )
    response = expert.post(
        f"/api/v1/products/{pk}/review/",
        {"scores": full_scores(w, 5), "recommendation": "approve", "comment": "Отлично"},
        format="json",
    )
    assert response.json()["total"] == 25
    refused(
        api(w.expert2),
        "post",
        f"/api/v1/products/{pk}/review/",
        {"scores": full_scores(w), "recommendation": "approve"},
        404,
        format="json",
    )
    refused(head, "post", f"/api/v1/products/{pk}/approve/", {}, 403)
    department = api(w.department)
    refused(department, "post", f"/api/v1/products/{pk}/reject/", {"comment": ""}, 400, "comment_required")
    assert department.post(f"/api/v1/products/{pk}/approve/").json()["status"] == "approved"
    assert head.post(f"/api/v1/products/{pk}/publish/").json()["status"] == "published"
    assert head.post(f"/api/v1/products/{pk}/propose/", {"proposed": True}).json()["proposed_for_replication"]
    detail = department.get(f"/api/v1/products/{pk}/").json()
    assert [r["total"] for r in detail["reviews"]] == [25]
    listed = department.get("/api/v1/products/", {"q": "технологии обучение", "proposed": "true"}).json()
    assert [p["id"] for p in listed["results"]] == [pk]


def test_update_needs_version_and_refuses_outside(w):
    url = f"/api/v1/products/{w.product.pk}/"
    refused(api(w.methodist), "patch", url, {"title": "X"}, 400)
    response = api(w.methodist).patch(url, {"title": "Новое название", "version": w.product.version}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Новое название"
    refused(api(w.methodist), "patch", url, {"title": "Y", "version": 1}, 409, "concurrent_edit", format="json")
    refused(api(w.sibling_head), "patch", url, {"title": "Y", "version": 2}, 404, format="json")
    refused(api(w.department), "patch", url, {"title": "Y", "version": 2}, 403, format="json")


def test_create_refusals(w):
    data = {"center": w.center.pk, "kind": "lesson", "title": "Карта", "year": 2026}
    refused(api(w.sibling_head), "post", "/api/v1/products/", data, 400, format="json")  # not their center
    refused(
        api(w.methodist), "post", "/api/v1/products/", {**data, "authors": [w.other_teacher.pk]}, 400, format="json"
    )  # a teacher of another municipality is no choice
    refused(api(w.department), "post", "/api/v1/products/", data, 403, format="json")
    refused(APIClient(), "post", "/api/v1/products/", data, 401, format="json")


def test_scoped_lists(w):
    ids = [p["id"] for p in api(w.head).get("/api/v1/products/").json()["results"]]
    assert ids == [w.product.pk]
    ids = {p["id"] for p in api(w.department).get("/api/v1/products/").json()["results"]}
    assert ids == {w.product.pk, w.sibling_product.pk}
    assert api(w.far_expert).get(f"/api/v1/products/{w.product.pk}/").status_code == 404


def test_delete_a_draft_only(w):
    add_author(w.sibling_product, w.teacher2)
    refused(api(w.department), "delete", f"/api/v1/products/{w.product.pk}/", None, 403)
    Product.objects.filter(pk=w.sibling_product.pk).update(status=S.REVIEW)
    refused(
        api(w.sibling_head), "delete", f"/api/v1/products/{w.sibling_product.pk}/", None, 400, "transition_not_allowed"
    )
    assert api(w.head).delete(f"/api/v1/products/{w.product.pk}/").status_code == 204
    assert not Product.objects.filter(pk=w.product.pk).exists()


def test_publications_and_presentation_completeness(w):
    reporter = api(w.reporter)
    response = reporter.post(
        "/api/v1/product-publications/",
        {"center": w.center.pk, "channel": "social", "title": "Пост", "date": "2026-03-01", "url": "https://vk.com/x"},
        format="json",
    )
    assert response.status_code == 201, response.content
    social = Publication.objects.get(pk=response.json()["id"])
    refused(
        reporter,
        "post",
        "/api/v1/product-publications/",
        {"center": w.center.pk, "channel": "media", "title": "X", "date": "2026-03-01", "url": "javascript:x"},
        400,
        "url_scheme",
        format="json",
    )
    refused(
        api(w.sibling_head),
        "post",
        "/api/v1/product-publications/",
        {"center": w.center.pk, "channel": "media", "title": "X", "date": "2026-03-01"},
        400,
        format="json",
    )
    head = api(w.head)
    response = head.post(
        "/api/v1/product-presentations/", {"center": w.center.pk, "title": "Весна", "date": "2026-04-20"}, format="json"
    )
    pk = response.json()["id"]
    assert response.json()["missing"] == ["no_report", "few_lessons", "no_social"]
    report = EventFactory(center=w.center, title="Доклад")
    lessons = [EventFactory(center=w.center, title=f"Урок {i}") for i in range(2)]
    head.post(f"/api/v1/product-presentations/{pk}/items/", {"kind": "report", "event": report.pk}, format="json")
    head.post(f"/api/v1/product-presentations/{pk}/items/", {"kind": "lesson", "event": lessons[0].pk}, format="json")
    response = head.post(
        f"/api/v1/product-presentations/{pk}/items/", {"kind": "coverage", "publication": social.pk}, format="json"
    )
    assert response.json()["missing"] == ["few_lessons"]
    response = head.post(
        f"/api/v1/product-presentations/{pk}/items/", {"kind": "lesson", "event": lessons[1].pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["missing"] == []
    far_event = EventFactory(center=w.far_center)
    refused(
        head,
        "post",
        f"/api/v1/product-presentations/{pk}/items/",
        {"kind": "lesson", "event": far_event.pk},
        400,
        format="json",
    )  # another center's event is no choice
    item = response.json()["items"][0]["id"]
    assert head.post(f"/api/v1/product-presentations/{pk}/remove-item/", {"item": item}).json()["missing"] == [
        "no_report"
    ]


def test_criteria_configurable_by_the_department(w):
    response = api(w.department).post(
        "/api/v1/product-criteria/", {"name": "Соответствие ФГОС", "max_score": 10}, format="json"
    )
    assert response.status_code == 201, response.content
    refused(api(w.head), "post", "/api/v1/product-criteria/", {"name": "X", "max_score": 3}, 403, format="json")
    assert len(api(w.expert).get("/api/v1/product-criteria/").json()["results"]) == 6
