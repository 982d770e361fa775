"""Reused reads of the application workflow: what a user sees of the applications, the experts' scores side by side."""

from django.db.models import Q

from resurs.common.scoping import scope_filter

from .models import Application, Order, Review, ReviewCriterion

VIEW = "centers.application:view"
REVIEW = "centers.application:review"


def visible_applications(user, queryset=None):
    """restrict(view) ∪ restrict(review) limited to those under review: an expert council member (002 § 4.3) sees
    the applications of the municipality only while the council reviews them, never the drafts."""
    queryset = Application.objects.all() if queryset is None else queryset
    view_q = scope_filter(user, Application, VIEW)
    if view_q is None:
        return queryset
    review_q = scope_filter(user, Application, REVIEW)
    under_review = Q(status=Application.Status.UNDER_REVIEW)
    return queryset.filter(view_q | (under_review if review_q is None else review_q & under_review))


def application_list_queryset():
    return Application.objects.select_related("organization__municipality", "kind")


def application_detail_queryset():
    return Application.objects.select_related(
        "organization__municipality", "kind", "submitted_by", "decided_by"
    ).prefetch_related("directions", "attachments")


def score_table(application):
    """Criterion rows × expert columns with totals and recommendations, for the decision (002 § 4.3; 003 § 1.2)."""
    reviews = list(Review.objects.filter(application=application).select_related("expert").order_by("submitted_at"))
    used = {int(pk) for review in reviews for pk in review.scores}
    criteria = list(ReviewCriterion.objects.filter(Q(is_active=True) | Q(pk__in=used)))
    rows = []
    for criterion in criteria:
        scores = [review.scores.get(str(criterion.pk)) for review in reviews]
        given = [s for s in scores if s is not None]
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "average": round(sum(given) / len(given), 1) if given else None,
            }
        )
    totals = [review.total for review in reviews]
    return {
        "reviews": reviews,
        "rows": rows,
        "totals": totals,
        "max_total": sum(c.max_score for c in criteria if c.is_active),
        "average_total": round(sum(totals) / len(totals), 1) if totals else None,
        "approve_count": sum(1 for r in reviews if r.recommendation == Review.Recommendation.APPROVE),
        "reject_count": sum(1 for r in reviews if r.recommendation == Review.Recommendation.REJECT),
    }


def order_list_queryset():
    return Order.objects.select_related(
        "issuer_municipality", "issuer_organization", "center", "document", "application"
    )
