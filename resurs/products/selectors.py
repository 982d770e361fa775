"""Reads of products shared by the pages, the API, the public bank and teacher development (SPEC §7): the published
products, list querysets with their relations loaded in a fixed number of queries, review summaries, the
completeness of a presentation programme (000 § 3.10) and the programmes of a year (000 § 3.9)."""

from django.db.models import Avg, Count, F, Prefetch, Q
from django.utils.translation import gettext as _

from . import workflow
from .models import Presentation, PresentationItem, Product, ProductAuthor, Publication, Review

S = Product.Status
MIN_PRESENTATIONS_PER_YEAR = 2  # 000 § 3.9: results are presented at least twice a year
MIN_LESSONS = 2  # 000 § 3.10: at least two lessons or extra-curricular sessions on the center's theme


def published_products():
    """The products everyone may see in the public bank of best practices: published ones, and only those."""
    return Product.objects.filter(status__in=workflow.PUBLIC_STATUSES)


def authors_prefetch():
    return Prefetch(
        "authors",
        queryset=ProductAuthor.objects.select_related("teacher", "organization").order_by("sort_order", "id"),
    )


def products_overview(queryset=None):
    """Products with their center, direction and authors (for lists: a fixed number of queries)."""
    queryset = Product.objects.all() if queryset is None else queryset
    return queryset.select_related("center__organization", "direction").prefetch_related(authors_prefetch())


def public_bank(queryset=None):
    """The bank's list: published products, newest first, with what a card shows."""
    queryset = published_products() if queryset is None else queryset
    return (
        queryset.select_related("center", "direction")
        .prefetch_related(authors_prefetch(), "levels", "subjects")
        .order_by("-published_at", "-id")
    )


def proposed_for_replication(queryset=None):
    """Best practices the centers propose to the department for replication (000 § 6.3.4)."""
    queryset = Product.objects.all() if queryset is None else queryset
    return products_overview(
        queryset.filter(proposed_for_replication=True, status__in=[S.APPROVED, S.PUBLISHED])
    ).order_by("-proposed_at", "-id")


def reviews_of(product):
    return list(product.reviews.select_related("reviewer", "assigned_by").order_by("assigned_at", "id"))


def review_summary(product):
    """(submitted reviews, average total) of a product."""
    data = product.reviews.filter(submitted_at__isnull=False).aggregate(n=Count("id"), avg=Avg("total"))
    return data["n"], data["avg"]


def expert_candidates(product):
    """The users who may review the product (holding products.product:review on it), except its own authors: the
    choices of the assignment (the service checks the same again)."""
    from resurs.accounts.models import Role, RoleAssignment, User
    from resurs.common.scoping import instance_in_scope

    from .services import is_own

    roles = [r.pk for r in Role.objects.all() if "products.product:review" in (r.permissions or [])]
    municipality = product.center.organization.municipality
    ids = (
        RoleAssignment.objects.filter(role_id__in=roles)
        .filter(Q(municipality_id=municipality.pk) | Q(scope_kind="region", region_id=municipality.region_id))
        .values_list("user_id", flat=True)
        .distinct()
    )
    users = [
        u
        for u in User.objects.filter(pk__in=list(ids), is_active=True)
        if instance_in_scope(u, product, "products.product:review") and not is_own(product, u)
    ]
    return User.objects.filter(pk__in=[u.pk for u in users]).order_by("last_name", "first_name", "username")


def my_reviews(user):
    """The reviews assigned to an expert, the open ones first."""
    return (
        Review.objects.filter(reviewer=user)
        .select_related("product__center")
        .order_by(F("submitted_at").asc(nulls_first=True), "-assigned_at")
    )


def publications_overview(queryset=None):
    queryset = Publication.objects.all() if queryset is None else queryset
    return queryset.select_related("center", "product")


def publication_counts(centers, year):
    """{center id: {channel: count}} of publications dated in `year` (counted in reports, 000 § 3.8)."""
    rows = (
        Publication.objects.filter(center__in=centers, date__year=year)
        .values("center_id", "channel")
        .annotate(n=Count("id"))
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["center_id"], {})[row["channel"]] = row["n"]
    return counts


def presentation_items(presentation):
    return list(presentation.items.select_related("event__form", "publication").order_by("id"))


def completeness(presentation, items=None):
    """What the programme lacks (000 § 3.10): a list of (code, message), empty when it is complete.

    An analytical report; at least two lessons or extra-curricular sessions on the center's theme; coverage in a
    social network (a publication of the programme whose channel is a social network).
    """
    items = presentation_items(presentation) if items is None else items
    K = PresentationItem.Kind
    missing = []
    if not any(i.kind == K.REPORT for i in items):
        missing.append(("no_report", _("an analytical report")))
    lessons = sum(1 for i in items if i.kind in (K.LESSON, K.EXTRACURRICULAR) and i.on_theme)
    if lessons < MIN_LESSONS:
        missing.append(
            (
                "few_lessons",
                _("%(missing)s more lesson(s) or extra-curricular session(s) on the center's theme (%(have)s of 2)")
                % {"missing": MIN_LESSONS - lessons, "have": lessons},
            )
        )
    if not any(i.publication_id and i.publication.channel == Publication.Channel.SOCIAL for i in items):
        missing.append(("no_social", _("coverage in a social network")))
    return missing


def presentations_by_year(center):
    """{year: number of programmes} of a center, to show the years below the twice-a-year minimum (000 § 3.9)."""
    counts = {}
    for date in Presentation.objects.filter(center=center).values_list("date", flat=True):
        counts[date.year] = counts.get(date.year, 0) + 1
    return counts


def programmes_per_year(queryset):
    """[(center name, year, number of programmes, below the minimum)] of the programmes in `queryset` (000 § 3.9)."""
    rows = queryset.values("center__name", "date__year").annotate(n=Count("id")).order_by("center__name", "-date__year")
    return [(r["center__name"], r["date__year"], r["n"], r["n"] < MIN_PRESENTATIONS_PER_YEAR) for r in rows]
