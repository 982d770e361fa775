"""Reused reads of the center registry: list and page querysets, current staff, the documents checklist (000 § 5.1)."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils import timezone

from resurs.common.scoping import restrict
from resurs.people.models import Teacher
from resurs.territory.models import Organization

from .models import Center, CenterDocument, Order, StaffAssignment

# A center whose term ends within this many days is flagged in the registry and on its page.
ENDING_SOON_DAYS = 60

# Items of a kind's checklist that a generated order fulfils (an item may also list "order_kinds" itself).
ORDER_REQUIREMENTS = {
    "order_creation": ("creation",),
    "orders": ("creation", "term", "responsible", "coordinator", "group"),
}


def center_list_queryset():
    """Everything a registry row shows, in a fixed number of queries whatever the number of rows."""
    return Center.objects.select_related("organization__municipality", "kind").prefetch_related("directions")


def current_staff_filter(today=None, prefix=""):
    today = today or timezone.localdate()
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def ending_soon(center, today=None):
    return center.status == Center.Status.ACTIVE and center.ends_within(ENDING_SOON_DAYS, today or timezone.localdate())


def ends_within_filter(days, today=None):
    today = today or timezone.localdate()
    return Q(status=Center.Status.ACTIVE, term_end__gte=today, term_end__lte=today + datetime.timedelta(days=days))


def public_centers():
    """The public catalog (000 § 3.8; 001 § 6.1): active centers with their current staff's names and functions."""
    current = StaffAssignment.objects.filter(current_staff_filter()).order_by("role", "full_name")
    return (
        Center.objects.filter(status=Center.Status.ACTIVE)
        .select_related("organization__municipality", "kind")
        .prefetch_related("directions", Prefetch("staff", queryset=current, to_attr="current_staff"))
    )


def document_checklist(center, user):
    """Each item of the kind's checklist with what fulfils it: uploaded files and generated order documents.

    Only what `user` may see counts: the documents under `centers.centerdocument:view`, the orders under
    `centers.order:view` (an order's scope is its issuer, so seeing the center's documents is not seeing its orders).
    """
    documents = restrict(
        CenterDocument.objects.filter(center=center).select_related("generated", "uploaded_by"),
        user,
        "centers.centerdocument:view",
    )
    uploaded = {}
    for doc in documents:
        uploaded.setdefault(doc.requirement, []).append(doc)
    orders = list(
        restrict(
            Order.objects.filter(center=center, document__isnull=False).select_related("document"),
            user,
            "centers.order:view",
        ).order_by("date", "id")
    )
    checklist = []
    for item in center.kind.required_documents:
        kinds = item.get("order_kinds") or ORDER_REQUIREMENTS.get(item["code"], ())
        generated = [o for o in orders if o.kind in kinds]
        documents = uploaded.get(item["code"], [])
        checklist.append(
            {
                "code": item["code"],
                "name": item["name"],
                "clause": item.get("clause", ""),
                "documents": documents,
                "orders": generated,
                "present": bool(documents or generated),
            }
        )
    return checklist


# What a center's records may name, offered by the page's choice fields and the API's alike (an id outside is "not a
# choice", like one that does not exist); the services check the same rules with their codes (teacher_outside,
# member_outside, user_outside, order_other_center, party_outside).


def municipality_teachers(center):
    """Teachers working in the center's municipality."""
    return (
        Teacher.objects.filter(municipality_id=center.organization.municipality_id, is_active=True)
        .select_related("organization", "category")
        .order_by("surname", "name", "patronymic", "id")
    )


def municipality_organizations(center):
    """Organizations of the center's municipality (agreement parties)."""
    return Organization.objects.filter(municipality_id=center.organization.municipality_id).order_by("short_name")


def center_orders(center):
    """The center's own orders."""
    return Order.objects.filter(center=center).order_by("-date", "-id")


def appointable_users(center):
    """Accounts that may be appointed to the center (the rule behind user_outside): working in its municipality (a
    role or a teacher record there), or with no territorial tie yet — a department specialist made coordinator
    gets the first through the appointment (000 § 3.4). An account tied only to other municipalities is not."""
    municipality_id = center.organization.municipality_id
    User = get_user_model()
    tied = Q(assignments__municipality_id__isnull=False) | Q(teacher__isnull=False)
    return User.objects.filter(
        Q(assignments__municipality_id=municipality_id)
        | Q(teacher__organization__municipality_id=municipality_id)
        | ~Q(pk__in=User.objects.filter(tied).values("pk"))
    ).distinct()
