"""Reads of consultations shared by the pages, the API, the export and the reports (000 § 2.2, 3.8, 3.9): the list
with its relations in a fixed number of queries, a teacher's own requests, the methodists a request may go to, the
centers a request may go to, and the counts per center, methodist, kind and direction for a period."""

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from resurs.centers.models import Center, StaffAssignment, StaffRole
from resurs.centers.selectors_centers import current_staff_filter

from .models import Consultation

S = Consultation.Status


def consultations_overview(queryset=None):
    """Requests with their center, direction, asker, methodist and the response time (request → first answer)."""
    queryset = Consultation.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "center__organization__municipality", "direction", "organization", "teacher", "asked_by", "methodist"
    ).annotate(
        response_duration=ExpressionWrapper(F("responded_at") - F("asked_at"), output_field=DurationField()),
    )


def for_teacher(teacher):
    """The requests for a teacher (their "My consultations" page), newest first."""
    return consultations_overview(Consultation.objects.filter(teacher=teacher)).order_by("-asked_at", "-id")


def mine(user):
    """The requests of the logged-in user: for their own teacher record, or filed by them."""
    return consultations_overview(Consultation.objects.filter(Q(teacher__user=user) | Q(asked_by=user))).order_by(
        "-asked_at", "-id"
    )


def centers_for(organization):
    """The centers a request from `organization` may go to: the active centers of its municipality."""
    return (
        Center.objects.filter(status=Center.Status.ACTIVE, organization__municipality_id=organization.municipality_id)
        .select_related("organization")
        .order_by("name")
    )


def center_methodists(center, today=None):
    """The accounts a request may be assigned to: the center's current methodists (000 § 6; 001 § 5.7)."""
    staff = StaffAssignment.objects.filter(
        current_staff_filter(today), center=center, role=StaffRole.METHODIST, user__isnull=False
    )
    return get_user_model().objects.filter(pk__in=staff.values("user"), is_active=True).order_by("last_name", "pk")


def center_managers(center, today=None):
    """Who distributes the center's requests and is told of a new one: its current head and organizers."""
    staff = StaffAssignment.objects.filter(
        current_staff_filter(today),
        center=center,
        role__in=[StaffRole.HEAD, StaffRole.ORGANIZER],
        user__isnull=False,
    )
    return get_user_model().objects.filter(pk__in=staff.values("user"), is_active=True)


def consultation_counts(centers, date_from, date_to):
    """Counts of the consultations of `centers` (a queryset or ids) asked in [date_from, date_to] for the
    semi-annual report (000 § 3.9, 6.3.5): total, by status, held ones (answered in writing or met, closed after
    either), per center, methodist, kind and direction, the average rating and the average response time.

    A consultation "given" is one answered in writing or held as a meeting (closed ones included); cancelled and
    rejected requests are counted only under their status.
    """
    queryset = Consultation.objects.filter(
        center__in=centers, asked_at__date__gte=date_from, asked_at__date__lte=date_to
    )
    given = Q(answered_at__isnull=False) | Q(held_at__isnull=False)
    totals = queryset.aggregate(
        total=Count("id"),
        given=Count("id", filter=given),
        rated=Count("id", filter=Q(rating__isnull=False)),
        rating=Avg("rating"),
        response=Avg(ExpressionWrapper(F("responded_at") - F("asked_at"), output_field=DurationField())),
    )

    def grouped(*fields):
        rows = queryset.values(*fields).annotate(count=Count("id"), given=Count("id", filter=given)).order_by(*fields)
        return [dict(row) for row in rows]

    return {
        **totals,
        "by_status": {row["status"]: row["count"] for row in grouped("status")},
        "by_center": grouped("center_id", "center__name"),
        "by_methodist": grouped("methodist_id", "methodist__last_name", "methodist__first_name"),
        "by_kind": {row["kind"]: row["count"] for row in grouped("kind")},
        "by_direction": grouped("direction_id", "direction__name"),
    }
