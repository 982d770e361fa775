"""Product services: the registry and its rules, the review workflow with every code and action-log entry, the
reviewer who never reviews their own product, publication, replication, files, publications and programmes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.tests.matrix import db_state
from resurs.events.models import Event
from resurs.events.tests.factories import EventFactory
from resurs.people.tests.factories import TeacherFactory
from resurs.products import selectors, services
from resurs.products.models import Presentation, PresentationItem, Product, ProductFile, Publication, Review
from resurs.products.tests.factories import (
    ProductFactory,
    add_author,
    build_products_world,
    docx,
    full_scores,
    level,
    mp4,
    odp,
    pdf,
    pptx,
    publication,
    zipped,
)

pytestmark = pytest.mark.django_db
S = Product.Status


@pytest.fixture
def w(world):
    return build_products_world(world)


def refused(code, call, *args, **kwargs):
    """The call is refused with `code` and changes nothing in the database."""
    before = db_state()
    with pytest.raises(ServiceError) as info:
        call(*args, **kwargs)
    assert info.value.code == code, info.value.code
    assert db_state() == before
    return info.value


def values(w, **changes):
    base = {
        "kind": Product.Kind.RECOMMENDATIONS,
        "title": "Методические рекомендации по проектной деятельности",
        "direction": w.direction,
        "annotation": "Рекомендации для учителей по организации проектов",
        "keywords": "проект, исследование",
        "year": 2026,
    }
    return {**base, **changes}


def actions(target):
    return list(ActionLog.objects.filter(object_id=str(target.pk)).order_by("id").values_list("code", flat=True))


def in_review(w, product=None):
    product = product or w.product
    Product.objects.filter(pk=product.pk).update(status=S.REVIEW)
    product.refresh_from_db()
    return product


def reviewed(w, product=None, recommendation="approve"):
    product = in_review(w, product)
    review = services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    services.submit_review(
        actor=w.expert, review=review, scores=full_scores(w), comment="Хорошо", recommendation=recommendation
    )
    return product


# --- registry ---------------------------------------------------------------------------------------------------


def test_create_product_with_authors_levels_competences_and_search_text(w):
    from resurs.catalogs.models import Competence

    competence = Competence.objects.order_by("code").first()
    product = services.create_product(
        actor=w.methodist,
        center=w.center,
        authors=[w.teacher, w.teacher2],
        subjects=[w.subject],
        levels=[level("ООО"), level("СОО")],
        competences=[competence],
        **values(w),
    )
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert product.created_by == w.methodist
    assert [(a.teacher, a.organization) for a in product.authors.all()] == [
        (w.teacher, w.org),
        (w.teacher2, w.org2),
    ]
    assert sorted(lv.short_name for lv in product.levels.all()) == ["ООО", "СОО"]
    assert list(product.competences.all()) == [competence]
    assert " рекомендация " in product.search_text and " проектный " in product.search_text
    assert f" {w.teacher.surname.lower()} " in product.search_text
    assert actions(product) == ["products.product.created"]


def test_create_refusals(w):
    refused(
        "author_municipality",
        services.create_product,
        actor=w.head,
        center=w.center,
        authors=[w.other_teacher],
        **values(w),
    )
    refused(
        "duplicate_author",
        services.create_product,
        actor=w.head,
        center=w.center,
        authors=[w.teacher, w.teacher],
        **values(w),
    )
    refused("title_required", services.create_product, actor=w.head, center=w.center, **values(w, title=" "))
    refused("year", services.create_product, actor=w.head, center=w.center, **values(w, year=1999))
    refused("kind", services.create_product, actor=w.head, center=w.center, **values(w, kind="poem"))
    refused("permission_denied", services.create_product, actor=w.sibling_head, center=w.center, **values(w))
    refused("permission_denied", services.create_product, actor=w.department, center=w.center, **values(w))
    w.center.status = "terminated"
    w.center.save()
    refused("read_only", services.create_product, actor=w.head, center=w.center, **values(w))


def test_teacher_records_own_product_and_sees_only_it(w):
    product = services.create_product(actor=w.teacher_user, center=w.center, authors=[w.teacher], **values(w))
    from resurs.common.scoping import restrict

    assert list(restrict(Product.objects.all(), w.teacher_user, "products.product:view")) == [product]


def test_update_product_and_edit_only_in_draft_or_revision(w):
    product = services.update_product(
        actor=w.reporter, product=w.product, version=w.product.version, title="Новая карта урока", authors=[w.teacher2]
    )
    product.refresh_from_db()
    assert product.title == "Новая карта урока"
    assert [a.teacher for a in product.authors.all()] == [w.teacher2]
    assert " новый " in product.search_text
    refused("concurrent_edit", services.update_product, actor=w.reporter, product=product, version=1, title="X")
    in_review(w, product)
    refused(
        "transition_not_allowed",
        services.update_product,
        actor=w.reporter,
        product=product,
        version=product.version,
        title="X",
    )
    refused(
        "permission_denied", services.update_product, actor=w.sibling_head, product=w.product, version=None, title="X"
    )


def test_delete_only_a_draft(w):
    in_review(w, w.sibling_product)
    refused("transition_not_allowed", services.delete_product, actor=w.sibling_head, product=w.sibling_product)
    services.delete_product(actor=w.head, product=w.product)
    assert not Product.objects.filter(pk=w.product.pk).exists()
    assert ActionLog.objects.filter(code="products.product.deleted").count() == 1


# --- files ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "upload",
    [
        pdf(),
        docx(),
        pptx(),
        odp(),
        mp4(),
        zipped("materialy.zip", {"a.txt": "x"}),
        SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n...."),
    ],
    ids=lambda u: u.name,
)
def test_add_allowed_files(w, upload):
    item = services.add_file(actor=w.methodist, product=w.product, title="Материал", upload=upload)
    assert item.file_type == upload.name.rsplit(".", 1)[1]
    assert item.size == upload.size
    assert actions(w.product)[-1] == "products.file.added"


@pytest.mark.parametrize(
    "upload,code",
    [
        (SimpleUploadedFile("page.html", b"<script>alert(1)</script>"), "file_type"),
        (SimpleUploadedFile("fake.pdf", b"<html><script>alert(1)</script>"), "file_type"),
        (zipped("renamed.docx", {"a.txt": "x"}), "file_type"),
        (zipped("renamed.odp", {"mimetype": "application/vnd.oasis.opendocument.text"}), "file_type"),
        (SimpleUploadedFile("video.mp4", b"<svg onload=alert(1)>"), "file_type"),
        (SimpleUploadedFile("empty.zip", b""), "file_empty"),
        (SimpleUploadedFile("broken.zip", b"PK\x03\x04garbage"), "file_type"),
    ],
    ids=lambda v: getattr(v, "name", v),
)
def test_bad_files_refused(w, upload, code):
    refused(code, services.add_file, actor=w.methodist, product=w.product, upload=upload)


def test_file_size_limit_link_and_both(w, settings):
    settings.PRODUCTS_UPLOAD_MAX_MB = 1
    refused(
        "file_size",
        services.add_file,
        actor=w.methodist,
        product=w.product,
        upload=SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024)),
    )
    refused(
        "file_size",
        services.add_file,
        actor=w.methodist,
        product=w.product,
        upload=SimpleUploadedFile("big.mp4", b"\x00\x00\x00\x18ftyp" + b"0" * (1024 * 1024)),
    )
    refused("file_or_link", services.add_file, actor=w.methodist, product=w.product)
    refused(
        "file_or_link", services.add_file, actor=w.methodist, product=w.product, upload=pdf(), url="https://example.org"
    )
    refused("url_scheme", services.add_file, actor=w.methodist, product=w.product, url="javascript:alert(1)")
    link = services.add_file(actor=w.methodist, product=w.product, url="https://school.ru/lesson")
    assert link.is_link and link.title == "https://school.ru/lesson"
    services.remove_file(actor=w.methodist, item=link)
    assert not ProductFile.objects.filter(pk=link.pk).exists()
    assert actions(w.product)[-1] == "products.file.removed"


def test_files_only_while_editable(w):
    in_review(w)
    refused("transition_not_allowed", services.add_file, actor=w.methodist, product=w.product, upload=pdf())


def test_record_download_counts(w):
    item = services.add_file(actor=w.methodist, product=w.product, upload=pdf())
    services.record_download(item=item)
    services.record_download(item=item)
    item.refresh_from_db()
    w.product.refresh_from_db()
    assert (item.downloads, w.product.download_count) == (2, 2)


# --- review workflow --------------------------------------------------------------------------------------------


def test_full_workflow_with_action_log(w):
    product = services.submit(actor=w.reporter, product=w.product)
    assert product.status == S.REVIEW and product.submitted_at is not None
    review = services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    review2 = services.assign_reviewer(actor=w.department, product=product, reviewer=w.expert2)
    services.submit_review(
        actor=w.expert, review=review, scores=full_scores(w, 5), comment="", recommendation="approve"
    )
    services.submit_review(
        actor=w.expert2, review=review2, scores=full_scores(w, 3), comment="Ок", recommendation="approve"
    )
    review.refresh_from_db()
    assert review.total == 25 and review.recommendation == "approve"
    assert selectors.review_summary(product) == (2, 20.0)
    product = services.decide(actor=w.department, product=product, decision="approve", comment="")
    assert product.status == S.APPROVED and product.decided_by == w.department
    product = services.publish(actor=w.head, product=product)
    assert product.status == S.PUBLISHED and product.published_at is not None
    assert list(selectors.published_products()) == [product]
    product = services.unpublish(actor=w.department, product=product)
    assert product.status == S.APPROVED and product.published_at is None
    assert list(selectors.published_products()) == []
    assert actions(product) == [
        "products.product.submit",
        "products.review.assigned",
        "products.review.assigned",
        "products.review.submitted",
        "products.review.submitted",
        "products.product.approve",
        "products.product.publish",
        "products.product.unpublish",
    ]


def test_revise_and_resubmit_then_reject(w):
    product = reviewed(w, recommendation="revise")
    refused("comment_required", services.decide, actor=w.department, product=product, decision="revise")
    product = services.decide(actor=w.department, product=product, decision="revise", comment="Добавьте примеры")
    assert product.status == S.REVISION and product.decision_comment == "Добавьте примеры"
    services.update_product(actor=w.methodist, product=product, version=product.version, annotation="С примерами")
    product = services.submit(actor=w.methodist, product=product)
    assert product.status == S.REVIEW
    product = services.decide(actor=w.department, product=product, decision="reject", comment="Не актуально")
    assert product.status == S.REJECTED
    refused("transition_not_allowed", services.submit, actor=w.methodist, product=product)
    refused("transition_not_allowed", services.publish, actor=w.head, product=product)


def test_submit_needs_authors_and_rights(w):
    product = ProductFactory(center=w.center)
    refused("no_authors", services.submit, actor=w.head, product=product)
    refused("permission_denied", services.submit, actor=w.organizer, product=w.product)
    refused("permission_denied", services.submit, actor=w.department, product=w.product)


def test_assign_refusals(w):
    refused("transition_not_allowed", services.assign_reviewer, actor=w.head, product=w.product, reviewer=w.expert)
    product = in_review(w)
    refused("reviewer_not_expert", services.assign_reviewer, actor=w.head, product=product, reviewer=w.far_expert)
    refused("reviewer_not_expert", services.assign_reviewer, actor=w.head, product=product, reviewer=w.methodist)
    refused("permission_denied", services.assign_reviewer, actor=w.reporter, product=product, reviewer=w.expert)
    refused("permission_denied", services.assign_reviewer, actor=w.other_department, product=product, reviewer=w.expert)
    services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    refused("already_assigned", services.assign_reviewer, actor=w.department, product=product, reviewer=w.expert)


def test_expert_never_reviews_own_product(w):
    # The expert is a teacher-author of the product …
    w.teacher2.user = w.expert2
    w.teacher2.save()
    add_author(w.product, w.teacher2)
    product = in_review(w)
    refused("own_product", services.assign_reviewer, actor=w.head, product=product, reviewer=w.expert2)
    # … or recorded it.
    own = ProductFactory(center=w.center, created_by=w.expert, status=S.REVIEW)
    refused("own_product", services.assign_reviewer, actor=w.department, product=own, reviewer=w.expert)
    # Became an author after the assignment: the scoring is refused too.
    review = services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    w.teacher.user = w.expert
    w.teacher.save()
    refused(
        "own_product",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w),
        recommendation="approve",
    )


def test_submit_review_refusals(w):
    product = in_review(w)
    review = services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    refused(
        "not_assigned",
        services.submit_review,
        actor=w.expert2,
        review=review,
        scores=full_scores(w),
        recommendation="approve",
    )
    partial = full_scores(w)
    partial.pop(str(w.criteria[0].pk))
    refused(
        "scores_incomplete",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=partial,
        recommendation="approve",
    )
    refused(
        "score_range",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w, 6),
        recommendation="approve",
    )
    refused(
        "score_range",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w, "2.5"),
        recommendation="approve",
    )
    refused(
        "score_range",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores={**full_scores(w), "999999": 1},
        recommendation="approve",
    )
    refused(
        "recommendation_required",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w),
        recommendation="",
    )
    refused(
        "comment_required",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w),
        recommendation="reject",
        comment=" ",
    )
    Product.objects.filter(pk=product.pk).update(status=S.APPROVED)
    refused(
        "transition_not_allowed",
        services.submit_review,
        actor=w.expert,
        review=review,
        scores=full_scores(w),
        recommendation="approve",
    )


def test_criteria_are_configurable(w):
    from resurs.products.models import Criterion

    Criterion.objects.filter(pk=w.criteria[0].pk).update(is_active=False)
    extra = Criterion.objects.create(name="Соответствие ФГОС", max_score=10)
    product = in_review(w)
    review = services.assign_reviewer(actor=w.head, product=product, reviewer=w.expert)
    scores = {str(c.pk): 2 for c in w.criteria[1:]} | {str(extra.pk): 10}
    review = services.submit_review(actor=w.expert, review=review, scores=scores, recommendation="approve")
    assert review.total == 18


def test_decide_refusals(w):
    product = in_review(w)
    refused("no_reviews", services.decide, actor=w.department, product=product, decision="approve")
    reviewed(w)
    refused("permission_denied", services.decide, actor=w.head, product=product, decision="approve")
    refused("permission_denied", services.decide, actor=w.other_department, product=product, decision="approve")
    refused("unknown_action", services.decide, actor=w.department, product=product, decision="explode")
    refused("unknown_action", services.transition, actor=w.department, product=product, action="explode")
    own = ProductFactory(center=w.center, created_by=w.department, status=S.REVIEW)
    refused("own_product", services.decide, actor=w.department, product=own, decision="approve")


def test_propose_for_replication(w):
    refused("transition_not_allowed", services.propose, actor=w.head, product=w.product)
    Product.objects.filter(pk=w.product.pk).update(status=S.APPROVED)
    product = services.propose(actor=w.reporter, product=w.product)
    assert product.proposed_for_replication and product.proposed_at is not None
    assert list(selectors.proposed_for_replication()) == [product]
    refused("permission_denied", services.propose, actor=w.department, product=product)
    product = services.propose(actor=w.head, product=product, proposed=False)
    assert list(selectors.proposed_for_replication()) == []
    assert actions(product) == ["products.product.proposed", "products.product.unproposed"]


# --- publications and presentation programmes -------------------------------------------------------------------


def test_publication_rules(w):
    item = services.save_publication(
        actor=w.reporter,
        center=w.center,
        channel="social",
        title="Пост ВКонтакте",
        date=datetime.date(2026, 3, 1),
        url="https://vk.com/wall-1_2",
        product=w.product,
    )
    assert item.channel == "social"
    refused(
        "url_scheme",
        services.save_publication,
        actor=w.reporter,
        center=w.center,
        channel="media",
        title="Статья",
        date=datetime.date(2026, 3, 1),
        url="javascript:alert(1)",
    )
    refused(
        "channel",
        services.save_publication,
        actor=w.reporter,
        center=w.center,
        channel="tv",
        title="X",
        date=datetime.date(2026, 3, 1),
    )
    refused(
        "title_required",
        services.save_publication,
        actor=w.reporter,
        center=w.center,
        channel="media",
        title="",
        date=datetime.date(2026, 3, 1),
    )
    refused(
        "date_required",
        services.save_publication,
        actor=w.reporter,
        center=w.center,
        channel="media",
        title="X",
        date=None,
    )
    refused(
        "product_center",
        services.save_publication,
        actor=w.reporter,
        center=w.center,
        channel="media",
        title="X",
        date=datetime.date(2026, 3, 1),
        product=w.sibling_product,
    )
    refused(
        "permission_denied",
        services.save_publication,
        actor=w.sibling_head,
        center=w.center,
        channel="media",
        title="X",
        date=datetime.date(2026, 3, 1),
    )
    services.save_publication(actor=w.reporter, publication=item, version=item.version, title="Пост в VK")
    item.refresh_from_db()
    assert item.title == "Пост в VK" and item.version == 2
    assert selectors.publication_counts([w.center], 2026) == {w.center.pk: {"social": 1}}


def test_presentation_completeness(w):
    programme = services.save_presentation(
        actor=w.head, center=w.center, title="Предъявление опыта: весна", date=datetime.date(2026, 4, 20)
    )
    assert [code for code, _ in selectors.completeness(programme)] == ["no_report", "few_lessons", "no_social"]
    report = EventFactory(center=w.center, title="Аналитический доклад", status=Event.Status.HELD)
    lesson1 = EventFactory(center=w.center, title="Открытый урок 1")
    lesson2 = EventFactory(center=w.center, title="Внеурочное занятие")
    social = publication(w.center, channel="social")
    media = publication(w.center, channel="media", title="Статья в газете")
    services.add_item(actor=w.head, presentation=programme, kind="report", event=report)
    services.add_item(actor=w.head, presentation=programme, kind="lesson", event=lesson1)
    missing = selectors.completeness(programme)
    assert missing[0][0] == "few_lessons" and "1 more" in missing[0][1]
    services.add_item(actor=w.head, presentation=programme, kind="coverage", publication=media)
    assert [code for code, _ in selectors.completeness(programme)] == ["few_lessons", "no_social"]
    services.add_item(actor=w.head, presentation=programme, kind="extracurricular", event=lesson2)
    services.add_item(actor=w.head, presentation=programme, kind="coverage", publication=social)
    assert selectors.completeness(programme) == []
    # An item off the center's theme does not count as a lesson.
    item = PresentationItem.objects.get(event=lesson2)
    services.remove_item(actor=w.head, item=item)
    services.add_item(actor=w.head, presentation=programme, kind="extracurricular", event=lesson2, on_theme=False)
    assert [code for code, _ in selectors.completeness(programme)] == ["few_lessons"]
    assert selectors.presentations_by_year(w.center) == {2026: 1}
    assert actions(programme)[0] == "products.presentation.created"
    assert "products.presentation.item_removed" in actions(programme)


def test_presentation_refusals(w):
    programme = Presentation.objects.create(center=w.center, title="Осень", date=datetime.date(2026, 11, 1))
    far_event = EventFactory(center=w.far_center)
    cancelled = EventFactory(center=w.center, status=Event.Status.CANCELLED)
    social = publication(w.center)
    refused("item_center", services.add_item, actor=w.head, presentation=programme, kind="lesson", event=far_event)
    refused("event_cancelled", services.add_item, actor=w.head, presentation=programme, kind="lesson", event=cancelled)
    refused("item_source", services.add_item, actor=w.head, presentation=programme, kind="lesson")
    refused(
        "item_source",
        services.add_item,
        actor=w.head,
        presentation=programme,
        kind="coverage",
        event=EventFactory(center=w.center),
    )
    refused("item_kind", services.add_item, actor=w.head, presentation=programme, kind="party", publication=social)
    refused(
        "permission_denied",
        services.add_item,
        actor=w.sibling_head,
        presentation=programme,
        kind="coverage",
        publication=social,
    )
    refused(
        "title_required",
        services.save_presentation,
        actor=w.head,
        center=w.center,
        title="",
        date=datetime.date(2026, 1, 1),
    )
    refused("date_required", services.save_presentation, actor=w.head, center=w.center, title="X", date=None)
    services.add_item(actor=w.head, presentation=programme, kind="coverage", publication=social)
    refused("in_programme", services.delete_publication, actor=w.head, publication=social)
    services.delete_presentation(actor=w.head, presentation=programme)
    services.delete_publication(actor=w.head, publication=social)
    assert not Publication.objects.filter(pk=social.pk).exists()


def test_permission_denied_is_service_error(w):
    with pytest.raises(PermissionDeniedError):
        services.publish(actor=w.far_head, product=w.product)
    assert Review.objects.count() == 0
    assert TeacherFactory  # the factories module is importable for the other test modules


def test_criterion_max_score_is_bounded(w):
    from django.core.exceptions import ValidationError

    from resurs.products.models import Criterion

    with pytest.raises(ValidationError) as info:
        Criterion(name="Без баллов", max_score=0).full_clean()
    assert info.value.error_dict["__all__"][0].code == "max_score"


def test_keywords_are_no_secret_in_the_change_log(w):
    from resurs.audit.services import history, mask

    product = services.update_product(actor=w.methodist, product=w.product, version=w.product.version, keywords="ОВЗ")
    rows = [row for entry in history(product) for row in entry["changes"]]
    assert ("keywords", "урок, математика, функциональная грамотность", "ОВЗ") in rows
    assert mask({"api_key": ["a", "b"], "token": "x", "keywords": "k"}) == {
        "api_key": ["***", "***"],
        "token": "***",
        "keywords": "k",
    }
