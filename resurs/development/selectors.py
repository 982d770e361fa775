"""Reads of teacher development: list querysets, the figures of the association analysis (001 appendix 2), young
specialists without a mentor (001 § 5.9), and the teacher's own cabinet."""

import datetime
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from resurs.people.models import Teacher

from .models import Course, DiagnosticProcedure, DiagnosticResult, ExperienceSharing, MentoringPair, Route


def procedures(queryset):
    return queryset.select_related("municipality", "organization", "center").annotate(
        result_count=Count("results", distinct=True),
        deficit_count=Count("results", filter=Q(results__is_deficit=True), distinct=True),
        teacher_count=Count("results__teacher", distinct=True),
    )


def results(queryset):
    return queryset.select_related("procedure", "teacher__organization", "competence__area")


def routes(queryset):
    return queryset.select_related("teacher__organization", "tutor", "center").annotate(
        steps_total=Count("steps", filter=~Q(steps__status="cancelled"), distinct=True),
        steps_done=Count("steps", filter=Q(steps__status="done"), distinct=True),
    )


def academic_year(year):
    """(1 September of `year`, 31 August of the next): the association's year (001 § 5.6)."""
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def _share(count, total):
    return round(count * 100 / total, 1) if total else 0.0


def appendix2(teacher_ids, year):
    """The figures of the association analysis (001 appendix 2) for the members `teacher_ids` in academic year `year`:

    - courses: per direction the number of members who finished a course of it in the year and their share; per
      format (очная, дистанционная) the number of courses;
    - sharing of experience: members who presented at each venue, and members who did not present at all;
    - diagnostics: members who took part in a federal, a regional (and municipal, school) diagnostic in the year;
    - routes: members with a route of the year made at the ЦНППМ, and made in the organization or association;
    - deficits analysed: whether any member has a result in the year (да/нет in the appendix).
    """
    start, end = academic_year(year)
    members = set(teacher_ids)
    total = len(members)
    courses = Course.objects.filter(teacher_id__in=members, ends_on__gte=start, ends_on__lte=end)
    by_direction = Counter()
    for direction, teachers in _distinct_pairs(courses.values_list("direction", "teacher_id")).items():
        by_direction[direction] = len(teachers)
    directions = [
        {"direction": d, "teachers": n, "share": _share(n, total)}
        for d, n in sorted(by_direction.items(), key=lambda i: (-i[1], i[0]))
    ]
    formats = dict(courses.values_list("study_form").annotate(n=Count("id")).order_by())
    sharings = ExperienceSharing.objects.filter(teacher_id__in=members, held_on__gte=start, held_on__lte=end)
    venues = _distinct_pairs(sharings.values_list("venue", "teacher_id"))
    presented = set().union(*venues.values()) if venues else set()
    sharing = {
        venue: {"teachers": len(venues.get(venue, ())), "share": _share(len(venues.get(venue, ())), total)}
        for venue in ExperienceSharing.Venue.values
    }
    not_presented = total - len(presented)
    sharing["none"] = {"teachers": not_presented, "share": _share(not_presented, total)}
    results = DiagnosticResult.objects.filter(
        teacher_id__in=members, procedure__held_on__gte=start, procedure__held_on__lte=end
    )
    diagnosed = _distinct_pairs(results.values_list("procedure__level", "teacher_id"))
    diagnostics = {level: len(diagnosed.get(level, ())) for level in DiagnosticProcedure.Level.values}
    routes_of_year = Route.objects.filter(teacher_id__in=members, period_start__lte=end, period_end__gte=start).exclude(
        status=Route.Status.CLOSED
    )
    by_basis = _distinct_pairs(routes_of_year.values_list("basis", "teacher_id"))
    return {
        "year": year,
        "period": (start, end),
        "members": total,
        "course_directions": directions,
        "course_formats": {f: formats.get(f, 0) for f in Course.Format.values},
        "sharing": sharing,
        "diagnostics": diagnostics,
        "routes": {b: len(by_basis.get(b, ())) for b in Route.Basis.values},
        "deficits_analysed": results.exists(),
        "deficit_teachers": results.filter(is_deficit=True).values("teacher_id").distinct().count(),
    }


def _distinct_pairs(pairs):
    found = {}
    for key, teacher_id in pairs:
        found.setdefault(key, set()).add(teacher_id)
    return found


def young_without_mentor(queryset, today=None):
    """Young specialists (first three years) at work with no mentoring pair running today (001 § 5.9)."""
    today = today or timezone.localdate()
    running = MentoringPair.objects.filter(mentee=OuterRef("pk"), starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    return (
        queryset.filter(is_young_specialist=True, is_active=True)
        .exclude(Exists(running))
        .select_related("organization", "position")
    )


def own_teacher(user):
    """The teacher record of a logged-in teacher, or None."""
    return Teacher.objects.filter(user=user).select_related("organization", "category").first() if user.pk else None


def teachers_for(user, code):
    """Teachers the user may make records for with `code`: their territorial scope, plus, for a center's staff,
    the members of the center's associations (the teachers a methodist supports, ADR 0018)."""
    from resurs.common.scoping import grants, is_unrestricted, restrict

    found = restrict(Teacher.objects.all(), user, code)
    if is_unrestricted(user):
        return found
    centers = [g.scope_id for g in grants(user) if g.kind == "center" and code in g.codes]
    if centers:
        supported = Teacher.objects.filter(associations__center_id__in=centers).values("pk")
        found = Teacher.objects.filter(Q(pk__in=found.values("pk")) | Q(pk__in=supported))
    return found.filter(is_active=True)


def cabinet(teacher):
    """What a teacher's own page shows: their registrations, diagnostics, routes, courses, presentations,
    mentoring and attestation — and their certificates and consultations once those apps keep them."""
    from resurs.consultations.models import Consultation
    from resurs.events.models import Certificate, Registration

    from .models import Attestation

    data = {
        "registrations": Registration.objects.filter(teacher=teacher)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("-event__starts_at")[:50],
        "results": DiagnosticResult.objects.filter(teacher=teacher)
        .select_related("procedure", "competence")
        .order_by("-procedure__held_on", "competence__code")[:100],
        "routes": routes(Route.objects.filter(teacher=teacher)).order_by("-period_start"),
        "courses": Course.objects.filter(teacher=teacher).order_by("-ends_on")[:50],
        "sharings": ExperienceSharing.objects.filter(teacher=teacher).order_by("-held_on")[:50],
        "mentoring": MentoringPair.objects.filter(Q(mentee=teacher) | Q(mentor=teacher)).select_related(
            "mentor", "mentee"
        ),
        "attestations": Attestation.objects.filter(teacher=teacher).select_related("category")[:20],
    }
    data["certificates"] = Certificate.objects.filter(teacher=teacher, status=Certificate.Status.VALID).order_by(
        "-event_date"
    )[:50]
    data["consultations"] = (
        Consultation.objects.filter(teacher=teacher).select_related("center").order_by("-asked_at")[:50]
    )
    return data
