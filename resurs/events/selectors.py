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


def attendance_rows(event):
    """The confirmed registrations of an event for marking and the roll sheet, by surname."""
    return list(
        event.registrations.filter(status=R.CONFIRMED)
        .select_related("teacher__organization", "teacher__position")
        .order_by("teacher__surname", "teacher__name", "teacher__patronymic", "id")
    )


def association_attendance(association, year_start=None, year_end=None):
    """Attendance of an association's meetings (001 § 3.1, appendix 2 «Посещаемость … Даты заседаний»): the held
    meetings (events of the association, not cancelled) in date order, and per organization the number present at
    each meeting. Returns (meetings, rows, totals): rows are (organization, [count per meeting], total)."""
    from django.utils import timezone

    meetings = list(
        association.events.exclude(status__in=[Event.Status.CANCELLED, Event.Status.DRAFT]).order_by("starts_at", "id")
    )
    if year_start is not None:
        meetings = [m for m in meetings if year_start <= timezone.localdate(m.starts_at) <= year_end]
    index = {m.pk: i for i, m in enumerate(meetings)}
    present = (
        Registration.objects.filter(event__in=list(index), attendance=Registration.Attendance.PRESENT)
        .values("event_id", "teacher__organization_id")
        .annotate(n=Count("id"))
    )
    counts = {}
    for row in present:
        counts.setdefault(row["teacher__organization_id"], [0] * len(meetings))[index[row["event_id"]]] = row["n"]
    organizations = Organization.objects.filter(pk__in=list(counts)).order_by("short_name", "pk")
    rows = [(o, counts[o.pk], sum(counts[o.pk])) for o in organizations]
    totals = [sum(r[1][i] for r in rows) for i in range(len(meetings))]
    return meetings, rows, totals


def feedback_summary(event):
    """The survey of one event: answers, attendees, averages, the spread of each rating (1–5) and the comments."""
    from django.db.models import Avg

    from .models import Feedback

    answers = Feedback.objects.filter(registration__event=event)
    stats = answers.aggregate(count=Count("id"), satisfaction=Avg("satisfaction"), usefulness=Avg("usefulness"))
    spread = {"satisfaction": [0] * 5, "usefulness": [0] * 5}
    for name in spread:
        for row in answers.values(name).annotate(n=Count("id")):
            spread[name][row[name] - 1] = row["n"]
    attendees = event.registrations.filter(status=R.CONFIRMED, attendance=Registration.Attendance.PRESENT).count()
    comments = list(answers.exclude(comment="").order_by("-submitted_at", "id").values_list("comment", flat=True))
    return {"stats": stats, "spread": spread, "attendees": attendees, "comments": comments}


def feedback_by_center(user):
    """Survey results the user may see: per center (answers, averages) and per event, newest events first."""
    from django.db.models import Avg

    from resurs.common.scoping import restrict

    from .models import Feedback

    answers = restrict(Feedback.objects.all(), user, "events.feedback:view").filter(
        registration__event__in=restrict(Event.objects.all(), user, "events.event:view")
    )
    aggregate = {"count": Count("id"), "satisfaction": Avg("satisfaction"), "usefulness": Avg("usefulness")}
    centers = list(
        answers.values("registration__event__center_id", "registration__event__center__name")
        .annotate(**aggregate)
        .order_by("registration__event__center__name")
    )
    events = list(
        answers.values(
            "registration__event_id",
            "registration__event__title",
            "registration__event__starts_at",
            "registration__event__center__name",
        )
        .annotate(**aggregate)
        .order_by("-registration__event__starts_at", "registration__event_id")[:200]
    )
    return centers, events


def my_certificates(user):
    """The valid certificates of the logged-in user's own teacher record, newest first."""
    from .models import Certificate

    if not user or not user.is_authenticated:
        return []
    return list(
        Certificate.objects.filter(teacher__user=user, status=Certificate.Status.VALID).order_by("-event_date", "-id")
    )
