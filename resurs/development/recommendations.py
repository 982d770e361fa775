"""Recommendations (001 § 2.2: routes "built on the diagnostics of deficits"): for each open deficit of a teacher,
the upcoming events and the published products tagged with that competence, ranked by fit, then by date.

The rule, in full (tested on a fixed data set in tests/test_recommendations.py):

- A teacher's *open deficits* are the competences whose latest result (latest diagnostic date, then latest record)
  is under its procedure's threshold; they are taken in order of the result's share of the maximum, lowest first.
- Candidate *events*: published or open for registration, starting after now, held by a center of the teacher's
  region, tagged with the competence; an event the teacher is registered for (confirmed or waitlisted) or that is
  already a step of one of their open routes is not proposed again.
- Candidate *products*: published, tagged with the competence; one already a step of an open route is left out.
- *Fit* of a candidate: how many of the teacher's open deficits it is tagged with (an event that covers two
  deficits is worth more than one that covers one).
- Ranking within a deficit: fit (higher first), then the date (events: sooner first; products: newer first), then
  the id. At most PER_DEFICIT events and PER_DEFICIT products per deficit.

Everything is read in a fixed number of queries whatever the number of teachers, so the background job computes a
whole region in one pass (bench/recommendations.py).
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from resurs.events.models import Event, Registration
from resurs.people.models import Teacher
from resurs.products.models import Product
from resurs.products.selectors import published_products

from .models import DiagnosticResult, Route, RouteStep

PER_DEFICIT = 3
EVENT_STATUSES = (Event.Status.PUBLISHED, Event.Status.OPEN)
OPEN_ROUTES = (Route.Status.DRAFT, Route.Status.AGREED, Route.Status.IN_PROGRESS)


def open_deficits(teacher_ids):
    """{teacher id: [(competence id, result id, percent)]}, lowest share first, from each competence's latest result."""
    latest = {}
    rows = (
        DiagnosticResult.objects.filter(teacher_id__in=teacher_ids)
        .order_by("teacher_id", "competence_id", "procedure__held_on", "id")
        .values_list("teacher_id", "competence_id", "id", "is_deficit", "score", "max_score")
    )
    for teacher_id, competence_id, result_id, is_deficit, score, max_score in rows.iterator(chunk_size=5000):
        latest[(teacher_id, competence_id)] = (result_id, is_deficit, score * 100 / max_score)
    found = defaultdict(list)
    for (teacher_id, competence_id), (result_id, is_deficit, percent) in latest.items():
        if is_deficit:
            found[teacher_id].append((competence_id, result_id, float(percent)))
    for items in found.values():
        items.sort(key=lambda i: (i[2], i[0]))
    return found


def _events(now):
    """[(id, starts_at, region id, frozenset of competence ids)] of the upcoming public events with competences."""
    tags = defaultdict(set)
    through = Event.competences.through
    for event_id, competence_id in through.objects.filter(
        event__status__in=EVENT_STATUSES, event__starts_at__gt=now
    ).values_list("event_id", "competence_id"):
        tags[event_id].add(competence_id)
    rows = Event.objects.filter(pk__in=list(tags)).values_list(
        "id", "starts_at", "center__organization__municipality__region_id"
    )
    return [(pk, starts, region, frozenset(tags[pk])) for pk, starts, region in rows]


def _products():
    """[(id, published_at, frozenset of competence ids)] of the published products with competences."""
    published = published_products()
    tags = defaultdict(set)
    through = Product.competences.through
    for product_id, competence_id in through.objects.filter(product__in=published.values("pk")).values_list(
        "product_id", "competence_id"
    ):
        tags[product_id].add(competence_id)
    rows = published.filter(pk__in=list(tags)).values_list("id", "published_at")
    return [(pk, published_at, frozenset(tags[pk])) for pk, published_at in rows]


def compute(teacher_ids, *, now=None, per_deficit=PER_DEFICIT):
    """{teacher id: [proposal]} for the given teachers; a proposal is a plain dict (stored by the job as JSON):
    {"competence", "deficit" (the result's id), "kind" ("event" or "product"), "id", "fit", "date" (ISO)}."""
    now = now or timezone.now()
    teacher_ids = list(teacher_ids)
    deficits = open_deficits(teacher_ids)
    if not deficits:
        return {}
    with_deficits = list(deficits)
    regions = dict(Teacher.objects.filter(pk__in=with_deficits).values_list("pk", "region_id"))
    events = _events(now)
    by_region_competence = defaultdict(list)
    for event in sorted(events, key=lambda e: (e[1], e[0])):
        for competence_id in event[3]:
            by_region_competence[(event[2], competence_id)].append(event)
    products = _products()
    by_competence = defaultdict(list)
    for product in sorted(products, key=lambda p: (-(p[1].timestamp() if p[1] else 0), p[0])):
        for competence_id in product[2]:
            by_competence[competence_id].append(product)

    taken_events = defaultdict(set)
    if events:
        event_ids = [e[0] for e in events]
        for teacher_id, event_id in Registration.objects.filter(
            event_id__in=event_ids,
            teacher_id__in=with_deficits,
            status__in=(Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
        ).values_list("teacher_id", "event_id"):
            taken_events[teacher_id].add(event_id)
    taken_products = defaultdict(set)
    steps = RouteStep.objects.filter(route__teacher_id__in=with_deficits, route__status__in=OPEN_ROUTES).exclude(
        status=RouteStep.Status.CANCELLED
    )
    for teacher_id, event_id, product_id in steps.values_list("route__teacher_id", "event_id", "product_id"):
        if event_id:
            taken_events[teacher_id].add(event_id)
        if product_id:
            taken_products[teacher_id].add(product_id)

    # Many teachers share a region and a set of open deficits: the ranking of a competence's candidates depends on
    # nothing else, so it is computed once per (region, deficits, competence); each teacher then skips what they took.
    event_rankings, product_rankings = {}, {}

    def ranking(cache, key, candidates, open_set, tags_at):
        found = cache.get(key)
        if found is None:
            found = [(len(c[tags_at] & open_set), c) for c in candidates]
            found.sort(key=lambda r: -r[0])  # stable: within a fit the candidates keep their date order
            cache[key] = found
        return found

    result = {}
    for teacher_id, items in deficits.items():
        region = regions.get(teacher_id)
        open_set = frozenset(i[0] for i in items)
        taken_e, taken_p = taken_events.get(teacher_id, ()), taken_products.get(teacher_id, ())
        proposals = []
        for competence_id, result_id, _percent in items:
            ranked = ranking(
                event_rankings,
                (region, open_set, competence_id),
                by_region_competence.get((region, competence_id), ()),
                open_set,
                3,
            )
            chosen = [r for r in ranked if r[1][0] not in taken_e][:per_deficit] if taken_e else ranked[:per_deficit]
            for fit, event in chosen:
                proposals.append(
                    {
                        "competence": competence_id,
                        "deficit": result_id,
                        "kind": "event",
                        "id": event[0],
                        "fit": fit,
                        "date": event[1].isoformat(),
                    }
                )
            ranked = ranking(
                product_rankings, (open_set, competence_id), by_competence.get(competence_id, ()), open_set, 2
            )
            chosen = [r for r in ranked if r[1][0] not in taken_p][:per_deficit] if taken_p else ranked[:per_deficit]
            for fit, product in chosen:
                proposals.append(
                    {
                        "competence": competence_id,
                        "deficit": result_id,
                        "kind": "product",
                        "id": product[0],
                        "fit": fit,
                        "date": product[1].isoformat() if product[1] else None,
                    }
                )
        result[teacher_id] = proposals
    return result


def for_teacher(teacher, *, now=None):
    """The current proposals of one teacher, with the event or product objects and competences loaded for display."""
    from resurs.catalogs.models import Competence

    proposals = compute([teacher.pk], now=now).get(teacher.pk, [])
    events = Event.objects.in_bulk([p["id"] for p in proposals if p["kind"] == "event"])
    products = Product.objects.in_bulk([p["id"] for p in proposals if p["kind"] == "product"])
    competences = Competence.objects.in_bulk({p["competence"] for p in proposals})
    for p in proposals:
        p["object"] = (events if p["kind"] == "event" else products).get(p["id"])
        p["competence_obj"] = competences.get(p["competence"])
        p["date"] = datetime.datetime.fromisoformat(p["date"]) if p["date"] else None
    return proposals
