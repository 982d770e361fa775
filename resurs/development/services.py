"""Every state change of teacher development: diagnostics (thresholds and deficits), routes (ИОМ) and their steps,
accepted recommendations, steps done by attendance, attestation, the recommendation job (001 § 2.2, 3.2; 004 § 5.5)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.audit.services import audited_save, check_version, log_action
from resurs.audit.services import snapshot as record_snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.jobs import enqueue, job_handler
from resurs.common.scoping import instance_in_scope, restrict
from resurs.common.workflow import check_transition
from resurs.events.models import Registration
from resurs.people.models import Teacher
from resurs.products.models import Product

from . import recommendations, workflow
from .models import (
    PERPETUAL_CATEGORIES_FROM,
    Attestation,
    DiagnosticProcedure,
    DiagnosticResult,
    RecommendationSet,
    Route,
    RouteStep,
)

ROUTE_FIELDS = ("period_start", "period_end", "basis", "center", "tutor", "goals")
STEP_FIELDS = ("kind", "title", "competence", "event", "product", "deadline", "sort_order")
RECOMMENDATIONS_JOB = "development.recommendations"


def _labels():
    return dict(Route.Status.choices)


def _require(actor, obj, code, message=None):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(message or _("You may not do this with this record."))


# --- diagnostics ----------------------------------------------------------------------------------------------------


def recompute_deficits(procedure):
    """Mark each result of the procedure a deficit or not by the procedure's current threshold (one UPDATE each way)."""
    from django.db.models import ExpressionWrapper, F, FloatField

    share = ExpressionWrapper(F("score") * 100 - F("max_score") * procedure.threshold, output_field=FloatField())
    results = DiagnosticResult.objects.filter(procedure=procedure).annotate(gap=share)
    results.filter(gap__lt=0).exclude(is_deficit=True).update(is_deficit=True)
    results.filter(gap__gte=0).exclude(is_deficit=False).update(is_deficit=False)


def save_procedure(*, actor, procedure, version=None, save_m2m=None):
    """Create or change a diagnostic; a changed threshold re-marks the deficits of its results."""
    with transaction.atomic():
        before = None
        if procedure.pk:
            current = check_version(DiagnosticProcedure, procedure.pk, version)
            _require(actor, current, "development.diagnosticprocedure:change")
            before = record_snapshot(current)
            code = "development.diagnosticprocedure:change"
        else:
            code = "development.diagnosticprocedure:add"
        _require(actor, procedure, code)
        procedure.full_clean()
        audited_save(actor=actor, instance=procedure, before=before)
        if before is not None and str(before.get("threshold")) != str(procedure.threshold):
            recompute_deficits(procedure)
    return procedure


def save_result(*, actor, result, version=None):
    """Create or change one result entered by hand (the deficit mark follows the score)."""
    with transaction.atomic():
        before = None
        if result.pk:
            current = check_version(DiagnosticResult, result.pk, version)
            _require(actor, current, "development.diagnosticresult:change")
            before = record_snapshot(current)
            code = "development.diagnosticresult:change"
        else:
            code = "development.diagnosticresult:add"
        _require(actor, result, code)
        result.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                audited_save(actor=actor, instance=result, before=before)
        except IntegrityError:
            raise ServiceError(
                _("The teacher already has a result in this competence of this diagnostic."), code="duplicate_result"
            )
    return result


# --- routes ---------------------------------------------------------------------------------------------------------


def _check_route(route, deficits):
    if route.period_start and route.period_end and route.period_end < route.period_start:
        raise ServiceError(_("The period cannot end before it starts."), code="period", field="period_end")
    for deficit in deficits:
        if deficit.teacher_id != route.teacher_id or not deficit.is_deficit:
            raise ServiceError(
                _("Only deficits found by the teacher's own diagnostics can be addressed."),
                code="deficit_not_of_teacher",
                field="deficits",
            )
    if route.tutor_id and not instance_in_scope(route.tutor, route, "development.route:agree"):
        raise ServiceError(
            _("The tutor must be a methodist who may agree routes of this teacher."), code="tutor_scope", field="tutor"
        )


def create_route(*, actor, teacher, period_start, period_end, deficits=(), **values):
    """A new route in draft for a teacher and a period, addressing deficits picked from their diagnostics."""
    route = Route(teacher=teacher, period_start=period_start, period_end=period_end, **values)
    _require(actor, route, "development.route:add", _("You may not make a route for this teacher."))
    deficits = list(deficits)
    _check_route(route, deficits)
    with transaction.atomic():
        audited_save(
            actor=actor,
            instance=route,
            code="development.route.created",
            save_m2m=lambda: route.deficits.set(deficits),
        )
    return route


def _lock_route(route, version=None):
    locked = check_version(Route, route.pk, version)
    locked._audit_before = record_snapshot(locked)
    return locked


def update_route(*, actor, route, version, deficits=None, **values):
    """Change the passport, goals, tutor or deficits of an open route."""
    with transaction.atomic():
        route = _lock_route(route, version)
        _require(actor, route, "development.route:change")
        check_transition(workflow.ROUTE, "edit", route.status, labels=_labels())
        for name in ROUTE_FIELDS:
            if name in values:
                setattr(route, name, values[name])
        chosen = list(deficits) if deficits is not None else list(route.deficits.all())
        _check_route(route, chosen)
        audited_save(
            actor=actor,
            instance=route,
            before=route._audit_before,
            save_m2m=(lambda: route.deficits.set(chosen)) if deficits is not None else None,
        )
    return route


def transition(*, actor, route, action, reason="", reflection=None, rediagnosis=None, version=None):
    """agree (the tutor), start, complete (with the reflection), close (with the reason) — the workflow table."""
    with transaction.atomic():
        route = _lock_route(route, version)
        step = check_transition(workflow.ROUTE, action, route.status, labels=_labels())
        _require(actor, route, step.code)
        data = {}
        if action == "agree":
            if route.tutor_id is None:
                raise ServiceError(_("Choose the tutor before agreeing."), code="tutor_required", field="tutor")
            if actor.pk != route.tutor_id:
                raise ServiceError(_("Only the route's tutor agrees it."), code="not_tutor")
            route.agreed_at = timezone.now()
        if reflection is not None:
            route.reflection = reflection.strip()
        if rediagnosis is not None:
            route.rediagnosis = rediagnosis
        if action == "complete" and not route.reflection:
            raise ServiceError(
                _("Write the reflection before completing the route."), code="reflection_required", field="reflection"
            )
        if action == "close":
            if not reason.strip():
                raise ServiceError(_("Give the reason for closing."), code="reason_required", field="reason")
            route.close_reason = reason.strip()
            data["reason"] = route.close_reason
        route.status = step.target
        audited_save(
            actor=actor, instance=route, before=route._audit_before, code=f"development.route.{action}", data=data
        )
    return route


def _check_step(route, values):
    deadline = values.get("deadline")
    if deadline and not route.period_start <= deadline <= route.period_end:
        raise ServiceError(
            _("The step's deadline must be within the route's period (%(start)s — %(end)s).")
            % {"start": route.period_start.strftime("%d.%m.%Y"), "end": route.period_end.strftime("%d.%m.%Y")},
            code="deadline_outside_period",
            field="deadline",
        )
    if values.get("kind") == RouteStep.Kind.EVENT and not values.get("event"):
        raise ServiceError(_("Choose the event of an event step."), code="event_required", field="event")
    if values.get("kind") == RouteStep.Kind.PRODUCT and not values.get("product"):
        raise ServiceError(_("Choose the product to study."), code="product_required", field="product")


def save_step(*, actor, route, version, step=None, **values):
    """Add (step=None) or change a step of an open route; the route's version detects concurrent edits."""
    with transaction.atomic():
        route = _lock_route(route, version)
        _require(actor, route, "development.route:change")
        check_transition(workflow.ROUTE, "edit", route.status, labels=_labels())
        if step is None:
            step, before = RouteStep(route=route, sort_order=route.steps.count() + 1), None
        elif step.route_id != route.pk:
            raise ServiceError(_("The step belongs to another route."), code="step_route")
        else:
            step = RouteStep.objects.select_for_update().get(pk=step.pk)
            before = record_snapshot(step)
        for name in STEP_FIELDS:
            if name in values:
                setattr(step, name, values[name])
        _check_step(route, {"kind": step.kind, "event": step.event, "product": step.product, "deadline": step.deadline})
        audited_save(actor=actor, instance=step, before=before)
        audited_save(
            actor=actor,
            instance=route,
            before=route._audit_before,
            code="development.step.added" if before is None else "development.step.changed",
            data={"step": step.title},
        )
    return step


def complete_step(*, actor, step, evidence_file=None, evidence_url="", evidence_note="", on=None):
    """Mark a step done with its evidence: a file, a link or a description (an attended event needs none)."""
    with transaction.atomic():
        route = _lock_route(step.route)
        _require(actor, route, "development.route:change")
        check_transition(workflow.ROUTE, "edit", route.status, labels=_labels())
        step = RouteStep.objects.select_for_update().get(pk=step.pk)
        if step.route_id != route.pk:
            raise ServiceError(_("The step belongs to another route."), code="step_route")
        if step.status != RouteStep.Status.PLANNED:
            raise ServiceError(_("The step is already done or cancelled."), code="step_done")
        if not (evidence_file or evidence_url.strip() or evidence_note.strip()):
            raise ServiceError(_("Attach a file, give a link or describe the evidence."), code="evidence_required")
        before = record_snapshot(step)
        if evidence_file:
            step.evidence_file = evidence_file
        step.evidence_url = evidence_url.strip()
        step.evidence_note = evidence_note.strip()
        step.status = RouteStep.Status.DONE
        step.completed_on = on or timezone.localdate()
        audited_save(actor=actor, instance=step, before=before)
        audited_save(
            actor=actor,
            instance=route,
            before=route._audit_before,
            code="development.step.done",
            data={"step": step.title},
        )
    return step


def cancel_step(*, actor, step):
    with transaction.atomic():
        route = _lock_route(step.route)
        _require(actor, route, "development.route:change")
        check_transition(workflow.ROUTE, "edit", route.status, labels=_labels())
        step = RouteStep.objects.select_for_update().get(pk=step.pk)
        if step.status != RouteStep.Status.PLANNED:
            raise ServiceError(_("The step is already done or cancelled."), code="step_done")
        before = record_snapshot(step)
        step.status = RouteStep.Status.CANCELLED
        audited_save(actor=actor, instance=step, before=before)
        audited_save(
            actor=actor,
            instance=route,
            before=route._audit_before,
            code="development.step.cancelled",
            data={"step": step.title},
        )
    return step


def accept_proposal(*, actor, route, kind, object_id, competence_id, now=None):
    """Add a proposed event or product as a step of the route; only a current proposal for the route's teacher."""
    proposals = recommendations.compute([route.teacher_id], now=now).get(route.teacher_id, [])
    match = next(
        (
            p
            for p in proposals
            if p["kind"] == kind and p["id"] == int(object_id) and p["competence"] == int(competence_id)
        ),
        None,
    )
    if match is None:
        raise ServiceError(_("This is not among the current proposals for the teacher."), code="not_proposed")
    from resurs.catalogs.models import Competence

    competence = Competence.objects.get(pk=match["competence"])
    if kind == "event":
        from resurs.events.models import Event

        event = Event.objects.get(pk=match["id"])
        values = {
            "kind": RouteStep.Kind.EVENT,
            "event": event,
            "title": event.title,
            "deadline": timezone.localdate(event.starts_at),
        }
    else:
        product = Product.objects.get(pk=match["id"])
        values = {
            "kind": RouteStep.Kind.PRODUCT,
            "product": product,
            "title": str(product),
            "deadline": route.period_end,
        }
    return save_step(actor=actor, route=route, version=None, competence=competence, **values)


def complete_steps_by_attendance(registrations):
    """The events app's attendance callback: a teacher marked present at an event has done the route steps linked
    to it (the attendance is the evidence). Runs inside the marking transaction; returns the steps it completed."""
    present = [r for r in registrations if r.attendance == Registration.Attendance.PRESENT]
    if not present:
        return []
    pairs = {(r.teacher_id, r.event_id) for r in present}
    steps = list(
        RouteStep.objects.select_for_update()
        .filter(
            event_id__in={e for _t, e in pairs},
            route__teacher_id__in={t for t, _e in pairs},
            route__status__in=(Route.Status.DRAFT, Route.Status.AGREED, Route.Status.IN_PROGRESS),
            status=RouteStep.Status.PLANNED,
        )
        .select_related("route", "event")
    )
    done = []
    for step in steps:
        if (step.route.teacher_id, step.event_id) not in pairs:
            continue
        before = record_snapshot(step)
        step.status = RouteStep.Status.DONE
        step.by_attendance = True
        step.completed_on = timezone.localdate(step.event.starts_at)
        audited_save(actor=None, instance=step, before=before)
        log_action(actor=None, code="development.step.attended", target=step.route, data={"step": step.title})
        done.append(step)
    return done


def on_attendance(registrations=(), **kwargs):
    """Registered with `resurs.events.services.on_attendance` in AppConfig.ready()."""
    return complete_steps_by_attendance(registrations)


# --- attestation ----------------------------------------------------------------------------------------------------


def expiry_for(category, decided_on):
    """None for a category granted from 01.09.2023; else the catalog's term from the grant (a default end date)."""
    if decided_on >= PERPETUAL_CATEGORIES_FROM:
        return None
    years = category.validity_years or 5
    try:
        return decided_on.replace(year=decided_on.year + years)
    except ValueError:  # 29 February
        return decided_on.replace(year=decided_on.year + years, day=28)


def save_attestation(*, actor, attestation, version=None):
    """Record a granted category; the latest one becomes the teacher's current category (the teacher's record)."""
    with transaction.atomic():
        before = None
        if attestation.pk:
            current = check_version(Attestation, attestation.pk, version)
            _require(actor, current, "development.attestation:change")
            before = record_snapshot(current)
            code = "development.attestation:change"
        else:
            code = "development.attestation:add"
        _require(actor, attestation, code)
        if attestation.decided_on and attestation.decided_on >= PERPETUAL_CATEGORIES_FROM and attestation.expires_on:
            raise ServiceError(
                _("A category granted from 01.09.2023 has no end date."), code="perpetual_category", field="expires_on"
            )
        if attestation.decided_on and attestation.decided_on < PERPETUAL_CATEGORIES_FROM:
            if attestation.expires_on is None:
                attestation.expires_on = expiry_for(attestation.category, attestation.decided_on)
            if attestation.expires_on <= attestation.decided_on:
                raise ServiceError(
                    _("Give the end date of a category granted before 01.09.2023."),
                    code="expiry_required",
                    field="expires_on",
                )
        attestation.full_clean()
        audited_save(actor=actor, instance=attestation, before=before, code="development.attestation.recorded")
        latest = Attestation.objects.filter(teacher=attestation.teacher_id).order_by("-decided_on", "-id").first()
        teacher = Teacher.objects.select_for_update().get(pk=attestation.teacher_id)
        teacher_before = record_snapshot(teacher)
        teacher.category = latest.category
        teacher.category_assigned_on = latest.decided_on
        teacher.category_expires_on = latest.expires_on
        if record_snapshot(teacher) != teacher_before:
            audited_save(actor=actor, instance=teacher, before=teacher_before)
    return attestation


def due_for_attestation(queryset, *, months, today=None):
    """Teachers whose category ends within `months` months from today (categories without an end date never do)."""
    today = today or timezone.localdate()
    month = today.month - 1 + months
    year, month = today.year + month // 12, month % 12 + 1
    import calendar

    until = datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return queryset.filter(category_expires_on__gte=today, category_expires_on__lte=until, is_active=True)


# --- recommendation job ---------------------------------------------------------------------------------------------


def start_recommendations(*, actor):
    """Queue the job that computes the proposals of every teacher the actor may refresh (their municipality)."""
    if not restrict(Teacher.objects.all(), actor, "development.recommendationset:refresh").exists():
        raise PermissionDeniedError(_("You may not do this with this record."))
    return enqueue(kind=RECOMMENDATIONS_JOB, user=actor, title=_("Recommendations for teachers"))


def compact(proposals):
    """Stored form of proposals: [competence id, deficit result id, "e" (event) or "p" (product), object id, fit] —
    positional, so that 50,000 rows of JSON stay small (the dates are the objects' own, read when shown)."""
    return [[p["competence"], p["deficit"], p["kind"][0], p["id"], p["fit"]] for p in proposals]


def store_recommendations(teacher_ids, *, now=None, progress=None, batch=5000):
    """Compute and store the proposals of the teachers in batches; returns (teachers, proposals)."""
    now = now or timezone.now()
    teacher_ids = sorted(teacher_ids)
    total_items = 0
    for start in range(0, len(teacher_ids), batch):
        chunk = teacher_ids[start : start + batch]
        found = recommendations.compute(chunk, now=now)
        rows = [
            RecommendationSet(
                teacher_id=t, computed_at=now, items=compact(found.get(t, [])), count=len(found.get(t, []))
            )
            for t in chunk
        ]
        total_items += sum(r.count for r in rows)
        with transaction.atomic():
            RecommendationSet.objects.filter(teacher_id__in=chunk).delete()
            RecommendationSet.objects.bulk_create(rows, batch_size=2000)
        if progress:
            progress(start + len(chunk), len(teacher_ids), _("Computing recommendations"))
    return len(teacher_ids), total_items


@job_handler(RECOMMENDATIONS_JOB)
def _recommendations_job(job, progress):
    teachers = restrict(Teacher.objects.filter(is_active=True), job.user, "development.recommendationset:refresh")
    count, items = store_recommendations(list(teachers.values_list("pk", flat=True)), progress=progress)
    log_action(actor=job.user, code="development.recommendations.computed", data={"teachers": count, "items": items})
    return {"data": {"teachers": count, "proposals": items}}
