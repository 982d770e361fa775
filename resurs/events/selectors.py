"""Reads of events shared by the pages, the API and the public calendar (SPEC §6): list querysets with their
relations loaded in a fixed number of queries, the public events, registrations of an event, a teacher's own."""

from django.db.models import Count, Prefetch, Q

from resurs.people.models import Teacher
from resurs.territory.models import Organization

from . import workflow
from .models import Event, Registration

R = Registration.Status


def events_overview(queryset=None):
    """Events with their center, form and venue and the counts of confirmed and waitlisted registrations."""
    queryset = Event.objects.all() if queryset is None else queryset
    return queryset.select_related("center__organization__municipality", "form", "venue").annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=R.CONFIRMED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=R.WAITLISTED)),
    )


def public_events():
    """Events everyone may see: published, registration open or closed, held (not drafts, not cancelled), of active
    centers."""
    return Event.objects.filter(status__in=workflow.PUBLIC_STATUSES, center__status="active")


def public_calendar():
    return events_overview(public_events()).prefetch_related("subjects").order_by("starts_at", "id")


def event_registrations(event):
    """(confirmed, waitlist, cancelled) of an event: the waitlist in the order it is served."""
    rows = list(
        event.registrations.select_related("teacher__organization", "teacher__position", "registered_by").order_by(
            "queued_at", "id"
        )
    )
    return (
        [r for r in rows if r.status == R.CONFIRMED],
        [r for r in rows if r.status == R.WAITLISTED],
        [r for r in rows if r.status == R.CANCELLED],
    )


def registrations_overview(queryset=None):
    queryset = Registration.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "event__center", "event__venue", "teacher__organization", "teacher__position", "registered_by"
    )


def my_registrations(user):
    """The registrations of the logged-in user's own teacher record, newest event first."""
    return (
        Registration.objects.filter(teacher__user=user)
        .select_related("event__center", "event__venue", "teacher")
        .order_by("-event__starts_at", "-id")
    )


def teacher_of(user):
    if not user or not user.is_authenticated:
        return None
    return Teacher.objects.filter(user=user).select_related("organization").first()


def bulk_teachers(user, event):
    """The teachers `user` may register for `event` in bulk: the center's staff any active teacher of the
    municipality; an organization administrator the active teachers of its own organization there."""
    from resurs.common.scoping import instance_in_scope, restrict

    municipality = event.center.organization.municipality_id
    teachers = Teacher.objects.filter(is_active=True, municipality_id=municipality).select_related(
        "organization", "position"
    )
    if instance_in_scope(user, Registration(event=event), "events.registration:add"):
        return teachers
    return restrict(teachers, user, "events.registration:add")


def bulk_events(user):
    """Events a user registers teachers for in bulk without seeing the center's events: the public events of the
    municipalities of the organizations the user registers for (an organization administrator)."""
    from resurs.common.scoping import restrict

    organizations = restrict(Organization.objects.all(), user, "events.registration:add")
    return public_events().filter(center__organization__municipality__in=organizations.values("municipality"))


def with_speakers_and_materials(queryset):
    from .models import Material, Speaker

    return queryset.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.select_related("teacher")),
        Prefetch("materials", queryset=Material.objects.all()),
        "subjects",
        "positions",
        "levels",
        "competences",
    )
