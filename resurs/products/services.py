"""Every state change of products (SPEC §7): the registry of methodological products (000 § 6.3.2), their expert
review and decision (003 § 4.9), publication in the bank of best practices (001 § 2.2), the proposal for replication
(000 § 6.3.4), publications and media coverage (000 § 3.8, 6.3.3) and presentation programmes (000 § 3.9–3.10).

Each function takes keyword arguments and the acting user as `actor`, locks the row it reads a status from, checks
the actor's code on the object inside the transaction and refuses with a coded ServiceError, changing nothing.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.audit.services import audited_delete, audited_save, check_version
from resurs.audit.services import snapshot as record_snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import instance_in_scope
from resurs.common.workflow import check_transition

from . import search, uploads, workflow
from .models import Criterion, Presentation, PresentationItem, Product, ProductAuthor, ProductFile, Publication, Review

S = Product.Status

PRODUCT_FIELDS = ("kind", "title", "direction", "annotation", "keywords", "year")
PRODUCT_M2M = ("subjects", "levels", "competences")


def _labels():
    return dict(Product.Status.choices)


def _require(actor, obj, code, message=None):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(message or _("You may not do this with this product."))


def _lock(model, obj, version=None):
    locked = check_version(model, obj.pk, version)
    locked._audit_before = record_snapshot(locked)
    return locked


def _check_center(center):
    if center.status != "active":
        raise ServiceError(_("The center is terminated; its records are read-only."), code="read_only")


def is_own(product, user):
    """Did `user` record the product or is a teacher-author of it? (Such a user never reviews it.)"""
    if user is None or not user.is_authenticated:
        return False
    if product.created_by_id == user.pk:
        return True
    return product.authors.filter(teacher__user_id=user.pk).exists()


def _check_values(center, values):
    if not (values.get("title") or "").strip():
        raise ServiceError(_("Give the title of the product."), code="title_required", field="title")
    year = values.get("year")
    if year is None or not 2000 <= year <= 2100:
        raise ServiceError(_("The year must be between 2000 and 2100."), code="year", field="year")
    if values.get("kind") not in Product.Kind.values:
        raise ServiceError(_("Choose the kind of the product."), code="kind", field="kind")


def _check_authors(center, teachers):
    municipality = center.organization.municipality_id
    seen = set()
    for teacher in teachers:
        if teacher.municipality_id != municipality:
            raise ServiceError(
                _("%(teacher)s is not a teacher of the center's municipality.") % {"teacher": teacher},
                code="author_municipality",
                field="authors",
            )
        if teacher.pk in seen:
            raise ServiceError(
                _("The teacher is already an author of the product."), code="duplicate_author", field="authors"
            )
        seen.add(teacher.pk)


def _set_authors(product, teachers):
    product.authors.all().delete()
    ProductAuthor.objects.bulk_create(
        ProductAuthor(product=product, teacher=t, organization_id=t.organization_id, sort_order=i)
        for i, t in enumerate(teachers, start=1)
    )


def reindex(product):
    """Refresh the product's stored search text (its words' dictionary forms) from its values and authors."""
    names = [f"{a.teacher.surname} {a.teacher.name} {a.teacher.patronymic}" for a in product.authors.all()]
    text = search.normalize(product.title, product.annotation, product.keywords, " ".join(names))
    Product.objects.filter(pk=product.pk).update(search_text=text)
    product.search_text = text
    return text


def create_product(*, actor, center, authors=(), subjects=(), levels=(), competences=(), **values):
    """A new product of the center's registry (a draft), with its authors: teachers of the municipality."""
    values.setdefault("year", timezone.localdate().year)
    product = Product(center=center, status=S.DRAFT, created_by=actor if actor and actor.is_authenticated else None)
    _require(actor, product, "products.product:add")
    _check_center(center)
    _check_values(center, values)
    authors = list(authors)
    _check_authors(center, authors)
    for name in PRODUCT_FIELDS:
        if name in values:
            setattr(product, name, values[name] if values[name] is not None or name == "direction" else "")

    def save_m2m():
        product.subjects.set(subjects)
        product.levels.set(levels)
        product.competences.set(competences)
        _set_authors(product, authors)

    with transaction.atomic():
        audited_save(actor=actor, instance=product, code="products.product.created", save_m2m=save_m2m)
        reindex(product)
    return product


def update_product(*, actor, product, version, authors=None, **values):
    """Change a product in draft or returned for revision; `authors` (teachers) replace the list when given."""
    with transaction.atomic():
        product = _lock(Product, product, version)
        _require(actor, product, "products.product:change")
        check_transition(workflow.PRODUCT, "edit", product.status, labels=_labels())
        _check_center(product.center)
        merged = {name: getattr(product, name) for name in PRODUCT_FIELDS}
        merged.update({k: v for k, v in values.items() if k in PRODUCT_FIELDS})
        _check_values(product.center, merged)
        if authors is not None:
            authors = list(authors)
            _check_authors(product.center, authors)
        for name, value in merged.items():
            setattr(product, name, value if value is not None or name == "direction" else "")
        many = {name: values[name] for name in PRODUCT_M2M if name in values}

        def save_m2m():
            for name, value in many.items():
                getattr(product, name).set(value)
            if authors is not None:
                _set_authors(product, authors)

        audited_save(actor=actor, instance=product, before=product._audit_before, save_m2m=save_m2m)
        reindex(product)
    return product


def delete_product(*, actor, product):
    """A draft may be deleted (a reviewed product stays in the registry)."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, "products.product:delete")
        check_transition(workflow.PRODUCT, "delete", product.status, labels=_labels())
        title = product.title
        for item in product.files.all():
            if item.file:
                transaction.on_commit(lambda name=item.file.name, storage=item.file.storage: storage.delete(name))
        audited_delete(actor=actor, instance=product, code="products.product.deleted", data={"title": title})


# --- files and links ----------------------------------------------------------------------------------------------


def _editable(actor, product):
    product = _lock(Product, product)
    _require(actor, product, "products.product:change")
    check_transition(workflow.PRODUCT, "edit", product.status, labels=_labels())
    _check_center(product.center)
    return product


def add_file(*, actor, product, title="", upload=None, url=""):
    """A file of the product (type by extension and content, size: uploads.py) or a link."""
    if upload is None and not url:
        raise ServiceError(_("Attach a file or give a link."), code="file_or_link", field="file")
    if upload is not None and url:
        raise ServiceError(_("Attach a file or give a link, not both."), code="file_or_link", field="url")
    ext = ""
    if upload is not None:
        try:
            ext = uploads.validate_product_file(upload)
        except ValidationError as exc:
            raise ServiceError(exc.messages[0], code=exc.code or "file_type", field="file") from None
    if url and not url.lower().startswith(("https://", "http://")):
        raise ServiceError(_("A link starts with https:// or http://."), code="url_scheme", field="url")
    with transaction.atomic():
        product = _editable(actor, product)
        item = ProductFile(
            product=product,
            title=(title or "").strip() or (upload.name if upload is not None else url)[:300],
            url=url or "",
            added_by=actor,
        )
        if upload is not None:
            item.file.save(upload.name, upload, save=False)
            item.file_type = ext.lstrip(".")
            item.size = upload.size
        audited_save(actor=actor, instance=item, code="products.file.added", target=product, data={"title": item.title})
    return item


def remove_file(*, actor, item):
    with transaction.atomic():
        product = _editable(actor, item.product)
        item = ProductFile.objects.select_for_update().get(pk=item.pk, product=product)
        title = item.title
        if item.file:
            transaction.on_commit(lambda name=item.file.name, storage=item.file.storage: storage.delete(name))
        audited_delete(actor=actor, instance=item, code="products.file.removed", target=product, data={"title": title})


def record_download(*, item):
    """Count one download of a file of the product (000 § 6.3.2: downloads per product), without a lock."""
    ProductFile.objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)
    Product.objects.filter(pk=item.product_id).update(download_count=F("download_count") + 1)


# --- workflow -----------------------------------------------------------------------------------------------------


def submit(*, actor, product):
    """Send the product to expert review (003 § 4.9): it needs at least one author."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT["submit"].code)
        step = check_transition(workflow.PRODUCT, "submit", product.status, labels=_labels())
        _check_center(product.center)
        if not product.authors.exists():
            raise ServiceError(_("Name at least one author of the product."), code="no_authors", field="authors")
        product.status = step.target
        product.submitted_at = timezone.now()
        audited_save(actor=actor, instance=product, before=product._audit_before, code="products.product.submit")
    return product


def assign_reviewer(*, actor, product, reviewer):
    """The center or the department assigns an expert council member to review the product; never its author."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT["assign"].code)
        check_transition(workflow.PRODUCT, "assign", product.status, labels=_labels())
        if not instance_in_scope(reviewer, product, "products.product:review"):
            raise ServiceError(
                _("%(user)s is not an expert who may review products of this center.") % {"user": reviewer},
                code="reviewer_not_expert",
                field="reviewer",
            )
        if is_own(product, reviewer):
            raise ServiceError(
                _("An expert cannot review a product they made or co-authored."), code="own_product", field="reviewer"
            )
        if product.reviews.filter(reviewer=reviewer).exists():
            raise ServiceError(
                _("The expert is already assigned to the product."), code="already_assigned", field="reviewer"
            )
        review = Review(product=product, reviewer=reviewer, assigned_by=actor)
        try:
            with transaction.atomic():
                audited_save(
                    actor=actor,
                    instance=review,
                    code="products.review.assigned",
                    target=product,
                    data={"reviewer": str(reviewer)},
                )
        except IntegrityError:
            raise ServiceError(
                _("The expert is already assigned to the product."), code="already_assigned", field="reviewer"
            ) from None
    return review


def active_criteria():
    return list(Criterion.objects.filter(is_active=True).order_by("sort_order", "name"))


def submit_review(*, actor, review, scores, comment="", recommendation):
    """The assigned expert scores the product by every criterion in use, comments and recommends (003 § 4.9).

    `scores` maps a criterion id to a whole score from 0 to the criterion's maximum; a review may be changed until the
    decision. Returning for revision or rejecting needs a comment.
    """
    with transaction.atomic():
        product = _lock(Product, review.product)
        review = Review.objects.select_for_update().get(pk=review.pk, product=product)
        if review.reviewer_id != getattr(actor, "pk", None):
            raise ServiceError(_("Only the assigned expert scores this review."), code="not_assigned")
        _require(actor, product, workflow.PRODUCT["review"].code)
        check_transition(workflow.PRODUCT, "review", product.status, labels=_labels())
        if is_own(product, actor):
            raise ServiceError(_("An expert cannot review a product they made or co-authored."), code="own_product")
        clean = _clean_scores(scores)
        if recommendation not in Review.Recommendation.values:
            raise ServiceError(_("Choose a recommendation."), code="recommendation_required", field="recommendation")
        if recommendation != Review.Recommendation.APPROVE and not (comment or "").strip():
            raise ServiceError(
                _("Say what is to be revised or why the product is rejected."), code="comment_required", field="comment"
            )
        before = record_snapshot(review)
        review.scores = clean
        review.total = sum(clean.values())
        review.comment = (comment or "").strip()
        review.recommendation = recommendation
        review.submitted_at = timezone.now()
        audited_save(
            actor=actor,
            instance=review,
            before=before,
            code="products.review.submitted",
            target=product,
            data={"reviewer": str(actor), "total": review.total, "recommendation": recommendation},
        )
    return review


def _clean_scores(scores):
    criteria = active_criteria()
    raw = {str(k): v for k, v in (scores or {}).items()}
    clean = {}
    for criterion in criteria:
        value = raw.get(str(criterion.pk))
        if value in (None, ""):
            raise ServiceError(
                _("Score the product by «%(criterion)s».") % {"criterion": criterion.name},
                code="scores_incomplete",
                field="scores",
            )
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if str(number) != str(value).strip() or not 0 <= number <= criterion.max_score:
            raise ServiceError(
                _("The score by «%(criterion)s» is a whole number from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score},
                code="score_range",
                field="scores",
            )
        clean[str(criterion.pk)] = number
    unknown = set(raw) - set(clean)
    if unknown:
        raise ServiceError(_("Score only by the criteria in use."), code="score_range", field="scores")
    return clean


def decide(*, actor, product, decision, comment=""):
    """The decision after the expert review (003 § 4.9): approve, return for revision (with comments) or reject.
    It needs at least one submitted review; the author of the product does not decide on it."""
    if decision not in workflow.DECISIONS:
        check_transition(workflow.PRODUCT, decision, product.status)  # unknown_action, or not a decision
        raise ServiceError(_("Unknown action."), code="unknown_action")
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT[decision].code)
        step = check_transition(workflow.PRODUCT, decision, product.status, labels=_labels())
        if is_own(product, actor):
            raise ServiceError(_("You cannot decide on a product you made or co-authored."), code="own_product")
        if not product.reviews.filter(submitted_at__isnull=False).exists():
            raise ServiceError(_("No expert has submitted a review of the product yet."), code="no_reviews")
        comment = (comment or "").strip()
        if decision != "approve" and not comment:
            raise ServiceError(
                _("Say what is to be revised or why the product is rejected."), code="comment_required", field="comment"
            )
        product.status = step.target
        product.decided_at = timezone.now()
        product.decided_by = actor
        product.decision_comment = comment
        audited_save(
            actor=actor,
            instance=product,
            before=product._audit_before,
            code=f"products.product.{decision}",
            data={"comment": comment},
        )
    return product


def publish(*, actor, product):
    """Publish an approved product in the public bank of best practices (001 § 2.2)."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT["publish"].code)
        step = check_transition(workflow.PRODUCT, "publish", product.status, labels=_labels())
        _check_center(product.center)
        product.status = step.target
        product.published_at = timezone.now()
        audited_save(actor=actor, instance=product, before=product._audit_before, code="products.product.publish")
    return product


def unpublish(*, actor, product):
    """Withdraw a product from the public bank (it stays approved)."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT["unpublish"].code)
        step = check_transition(workflow.PRODUCT, "unpublish", product.status, labels=_labels())
        product.status = step.target
        product.published_at = None
        audited_save(actor=actor, instance=product, before=product._audit_before, code="products.product.unpublish")
    return product


def transition(*, actor, product, action, comment=""):
    """One workflow action by name (the pages' buttons and the API's POST actions)."""
    if action == "submit":
        return submit(actor=actor, product=product)
    if action in workflow.DECISIONS:
        return decide(actor=actor, product=product, decision=action, comment=comment)
    if action == "publish":
        return publish(actor=actor, product=product)
    if action == "unpublish":
        return unpublish(actor=actor, product=product)
    check_transition(workflow.PRODUCT, action, product.status)
    raise ServiceError(_("Unknown action."), code="unknown_action")


def propose(*, actor, product, proposed=True):
    """The center proposes an approved or published product to the department for replication (000 § 6.3.4)."""
    with transaction.atomic():
        product = _lock(Product, product)
        _require(actor, product, workflow.PRODUCT["propose"].code)
        check_transition(workflow.PRODUCT, "propose", product.status, labels=_labels())
        product.proposed_for_replication = bool(proposed)
        product.proposed_at = timezone.now() if proposed else None
        audited_save(
            actor=actor,
            instance=product,
            before=product._audit_before,
            code="products.product.proposed" if proposed else "products.product.unproposed",
        )
    return product


# --- publications and presentation programmes ---------------------------------------------------------------------


PUBLICATION_FIELDS = ("channel", "title", "date", "url", "product")


def _check_publication(center, values):
    if values.get("channel") not in Publication.Channel.values:
        raise ServiceError(_("Choose the channel."), code="channel", field="channel")
    if not (values.get("title") or "").strip():
        raise ServiceError(_("Give the title."), code="title_required", field="title")
    if values.get("date") is None:
        raise ServiceError(_("Give the date."), code="date_required", field="date")
    url = values.get("url") or ""
    if url and not url.lower().startswith(("https://", "http://")):
        raise ServiceError(_("A link starts with https:// or http://."), code="url_scheme", field="url")
    product = values.get("product")
    if product is not None and product.center_id != center.pk:
        raise ServiceError(_("The product belongs to another center."), code="product_center", field="product")


def save_publication(*, actor, center=None, publication=None, version=None, **values):
    """Record a publication or media coverage of the center (000 § 6.3.3), or change one."""
    with transaction.atomic():
        if publication is None:
            publication = Publication(center=center)
            code, before = "products.publication:add", None
        else:
            publication = _lock(Publication, publication, version)
            code, before = "products.publication:change", publication._audit_before
            values = {**{n: getattr(publication, n) for n in PUBLICATION_FIELDS}, **values}
        _require(actor, publication, code, _("You may not do this with this publication."))
        _check_center(publication.center)
        _check_publication(publication.center, values)
        for name in PUBLICATION_FIELDS:
            if name in values:
                setattr(publication, name, values[name] if values[name] is not None or name == "product" else "")
        audited_save(
            actor=actor,
            instance=publication,
            before=before,
            code="products.publication.created" if before is None else None,
        )
    return publication


def delete_publication(*, actor, publication):
    with transaction.atomic():
        publication = _lock(Publication, publication)
        _require(actor, publication, "products.publication:delete", _("You may not do this with this publication."))
        if PresentationItem.objects.filter(publication=publication).exists():
            raise ServiceError(
                _("The publication is part of a presentation programme: remove it there first."), code="in_programme"
            )
        audited_delete(actor=actor, instance=publication)


PRESENTATION_FIELDS = ("title", "date", "description")


def save_presentation(*, actor, center=None, presentation=None, version=None, **values):
    """Create or change a presentation programme of the center (000 § 3.9–3.10)."""
    with transaction.atomic():
        if presentation is None:
            presentation = Presentation(center=center)
            code, before = "products.presentation:add", None
        else:
            presentation = _lock(Presentation, presentation, version)
            code, before = "products.presentation:change", presentation._audit_before
            values = {**{n: getattr(presentation, n) for n in PRESENTATION_FIELDS}, **values}
        _require(actor, presentation, code, _("You may not do this with this programme."))
        _check_center(presentation.center)
        if not (values.get("title") or "").strip():
            raise ServiceError(_("Give the title."), code="title_required", field="title")
        if values.get("date") is None:
            raise ServiceError(_("Give the date."), code="date_required", field="date")
        for name in PRESENTATION_FIELDS:
            if name in values:
                setattr(presentation, name, values[name] if values[name] is not None else "")
        audited_save(
            actor=actor,
            instance=presentation,
            before=before,
            code="products.presentation.created" if before is None else None,
        )
    return presentation


def delete_presentation(*, actor, presentation):
    with transaction.atomic():
        presentation = _lock(Presentation, presentation)
        _require(actor, presentation, "products.presentation:delete", _("You may not do this with this programme."))
        presentation.items.all().delete()
        audited_delete(actor=actor, instance=presentation)


def add_item(*, actor, presentation, kind, event=None, publication=None, on_theme=True, note=""):
    """An event or a publication of the same center as a part of the programme."""
    if kind not in PresentationItem.Kind.values:
        raise ServiceError(_("Choose the kind of the item."), code="item_kind", field="kind")
    if (event is None) == (publication is None):
        raise ServiceError(_("A programme item is either an event or a publication."), code="item_source")
    with transaction.atomic():
        presentation = _lock(Presentation, presentation)
        _require(actor, presentation, "products.presentation:change", _("You may not do this with this programme."))
        _check_center(presentation.center)
        source = event or publication
        if source.center_id != presentation.center_id:
            raise ServiceError(_("The event or publication belongs to another center."), code="item_center")
        if event is not None and event.status == "cancelled":
            raise ServiceError(_("The event is cancelled."), code="event_cancelled", field="event")
        if kind == PresentationItem.Kind.COVERAGE and publication is None:
            raise ServiceError(_("Coverage is a publication."), code="item_source")
        item = PresentationItem(
            presentation=presentation,
            kind=kind,
            event=event,
            publication=publication,
            on_theme=on_theme,
            note=(note or "").strip(),
        )
        audited_save(
            actor=actor,
            instance=item,
            code="products.presentation.item_added",
            target=presentation,
            data={"title": str(source)},
        )
    return item


def remove_item(*, actor, item):
    with transaction.atomic():
        presentation = _lock(Presentation, item.presentation)
        _require(actor, presentation, "products.presentation:change", _("You may not do this with this programme."))
        item = PresentationItem.objects.select_for_update().get(pk=item.pk, presentation=presentation)
        title = str(item)
        audited_delete(
            actor=actor,
            instance=item,
            code="products.presentation.item_removed",
            target=presentation,
            data={"title": title},
        )
