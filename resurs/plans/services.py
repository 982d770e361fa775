"""Every state change of plans: creation (empty, copied), items, submission, return, agreement, revisions, execution."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.accounts.models import RoleAssignment, User
from resurs.audit.services import audited_delete, audited_save, check_version, log_action
from resurs.audit.services import snapshot as record_snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.notifications import notify
from resurs.common.scoping import instance_in_scope
from resurs.common.workflow import check_transition
from resurs.documents import engine

from . import documents, workflow
from .models import Plan, PlanDeadline, PlanItem, PlanRevision

HEADER_FIELDS = ("methodological_theme", "goal", "tasks", "expected_result", "organizational_forms")
ITEM_FIELDS = (
    "section",
    "form",
    "topic",
    "date",
    "date_precision",
    "venue",
    "is_online",
    "responsible",
    "audience",
    "expected_product",
)


def _labels():
    return dict(Plan.Status.choices)


def _require(actor, obj, code):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(_("You may not do this with this plan."))


def period_for(kind, year):
    """(start, end) of the planning period starting in `year`: calendar (000 § 4.1) or academic (001 § 5.6) year."""
    if kind.planning_period == "academic":
        return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _lock(plan, version=None):
    """The plan locked for the write, refused if its version moved; its values are kept for the change log."""
    locked = check_version(Plan, plan.pk, version)
    locked._audit_before = record_snapshot(locked)
    return locked


def _touch(plan, actor, code=None, data=None):
    """Store the plan through the audit helper: version, updated_by, the field diff and the action-log entry."""
    audited_save(actor=actor, instance=plan, before=plan._audit_before, code=code, data=data)
    plan._audit_before = record_snapshot(plan)


def _duplicate_plan():
    return ServiceError(_("A plan for this period already exists."), code="duplicate_plan")


def _plan_exists(center, association, start):
    return Plan.objects.filter(center=center, association=association, period_start=start).exists()


def create_plan(*, actor, center, year, association=None, copy_previous=False, **header):
    """A new plan for the period of the center's kind; optionally a copy of last period's items moved by a year."""
    start, end = period_for(center.kind, year)
    plan = Plan(center=center, association=association, period_start=start, period_end=end, updated_by=actor, **header)
    _require(actor, plan, "plans.plan:add")
    if center.status != "active":
        raise ServiceError(_("The center is terminated; its records are read-only."), code="read_only")
    if association is not None and association.center_id != center.pk:
        raise ServiceError(_("The association belongs to another center."), code="association_center")
    with transaction.atomic():
        if _plan_exists(center, association, start):
            raise _duplicate_plan()
        previous = None
        if copy_previous:
            previous = (
                Plan.objects.filter(center=center, association=association, period_start__lt=start)
                .order_by("-period_start")
                .first()
            )
            if previous is None:
                raise ServiceError(_("There is no plan of the previous period to copy."), code="nothing_to_copy")
            for field in HEADER_FIELDS:
                if not getattr(plan, field):
                    setattr(plan, field, getattr(previous, field))
        try:
            with transaction.atomic():  # a savepoint: a concurrent request may have created it since the check
                audited_save(actor=actor, instance=plan, code="plans.plan.created", data={"copied": copy_previous})
        except IntegrityError:
            raise _duplicate_plan()
        if previous is not None:
            PlanItem.objects.bulk_create(
                [
                    PlanItem(
                        plan=plan,
                        sort_order=i.sort_order,
                        date=_next_year(i.date),
                        **{f: getattr(i, f) for f in ITEM_FIELDS if f != "date"},
                    )
                    for i in previous.items.all()
                ]
            )
    return plan


def _next_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _check_editable(plan):
    check_transition(workflow.PLAN, "edit", plan.status, labels=_labels())


def update_header(*, actor, plan, version, **fields):
    with transaction.atomic():
        plan = _lock(plan, version)
        _require(actor, plan, "plans.plan:change")
        _check_editable(plan)
        for name in HEADER_FIELDS:
            if name in fields:
                setattr(plan, name, fields[name])
        _touch(plan, actor)  # the header's field diff goes to the plan's change log
    return plan


def _check_item(plan, values):
    day = values.get("date")
    if day is None:
        raise ServiceError(_("Give the date."), code="date_missing", field="date")
    if values.get("date_precision") == PlanItem.DatePrecision.MONTH:
        day = day.replace(day=1)
        values["date"] = day
    if not plan.period_start.replace(day=1) <= day <= plan.period_end:
        raise ServiceError(
            _("The date must be within the plan's period (%(start)s — %(end)s).")
            % {"start": plan.period_start.strftime("%d.%m.%Y"), "end": plan.period_end.strftime("%d.%m.%Y")},
            code="date_outside_period",
            field="date",
        )
    if values.get("venue") and values.get("is_online"):
        raise ServiceError(_("Choose either a venue or online, not both."), code="venue_and_online", field="venue")
    if values.get("venue") and values["venue"].municipality_id != plan.center.organization.municipality_id:
        raise ServiceError(
            _("The venue must be an organization of the municipality."), code="venue_municipality", field="venue"
        )


def save_item(*, actor, plan, version, item=None, **values):
    """Add (item=None) or change an item of an editable plan; the plan's version detects concurrent edits."""
    with transaction.atomic():
        plan = _lock(plan, version)
        _require(actor, plan, "plans.plan:change")
        _check_editable(plan)
        _check_item(plan, values)
        if item is None:
            item, before = PlanItem(plan=plan, sort_order=plan.items.count() + 1), None
        elif item.plan_id != plan.pk:
            raise ServiceError(_("The item belongs to another plan."), code="item_plan")
        else:
            item = PlanItem.objects.select_for_update().get(pk=item.pk)
            before = record_snapshot(item)
        for name in ITEM_FIELDS:
            if name in values:
                setattr(item, name, values[name])
        audited_save(actor=actor, instance=item, before=before)
        _touch(
            plan,
            actor,
            code="plans.item.added" if before is None else "plans.item.changed",
            data={"item": item.topic},
        )
    return item


def delete_item(*, actor, plan, version, item):
    with transaction.atomic():
        plan = _lock(plan, version)
        _require(actor, plan, "plans.plan:change")
        _check_editable(plan)
        if item.plan_id != plan.pk:
            raise ServiceError(_("The item belongs to another plan."), code="item_plan")
        item = PlanItem.objects.select_for_update().get(pk=item.pk)  # its stored values go to the change log
        topic = item.topic
        audited_delete(actor=actor, instance=item)
        _touch(plan, actor, code="plans.item.deleted", data={"item": topic})


def add_items(*, actor, plan, version, rows):
    """Add many validated items at once (the XLSX import); all or nothing."""
    with transaction.atomic():
        plan = _lock(plan, version)
        _require(actor, plan, "plans.plan:change")
        _check_editable(plan)
        start = plan.items.count()
        items = []
        for offset, values in enumerate(rows, start=1):
            _check_item(plan, values)
            items.append(PlanItem(plan=plan, sort_order=start + offset, **values))
        for item in items:
            audited_save(actor=actor, instance=item)
        _touch(plan, actor, code="plans.items.added", data={"count": len(items)})
    return items


# --- agreement workflow ---------------------------------------------------------------------------


def snapshot(plan):
    """The plan's header and items as plain JSON values (what the coordinator agrees)."""
    items = plan.items.select_related("section", "form", "venue").order_by(
        "section__sort_order", "date", "sort_order", "id"
    )
    return {
        "header": {f: getattr(plan, f) for f in HEADER_FIELDS},
        "items": [
            {
                "uid": str(i.uid),
                "section": i.section.name,
                "form": i.form.name,
                "topic": i.topic,
                "date": i.date_display,
                "venue": i.venue_display,
                "responsible": i.responsible,
                "audience": i.audience,
                "expected_product": i.expected_product,
            }
            for i in items
        ],
    }


def coordinators(plan):
    ids = RoleAssignment.objects.filter(
        role__code="coordinator", scope_kind="center", scope_id=plan.center_id, ends_on__isnull=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids))


def center_leads(plan):
    ids = RoleAssignment.objects.filter(
        role__code__in=("center_head", "center_organizer"),
        scope_kind="center",
        scope_id=plan.center_id,
        ends_on__isnull=True,
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids))


def deadline_for(plan):
    row = PlanDeadline.objects.filter(
        municipality_id=plan.center.organization.municipality_id, period_start=plan.period_start
    ).first()
    return row.deadline if row else None


def submit(*, actor, plan, now=None):
    with transaction.atomic():
        plan = _lock(plan)
        _require(actor, plan, "plans.plan:submit")
        check_transition(workflow.PLAN, "submit", plan.status, labels=_labels())
        if not plan.items.exists():
            raise ServiceError(_("The plan has no items."), code="empty_plan")
        now = now or timezone.now()
        deadline = deadline_for(plan)
        number = (plan.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        revision = PlanRevision.objects.create(
            plan=plan,
            number=number,
            snapshot=snapshot(plan),
            submitted_at=now,
            submitted_by=actor,
            is_late=bool(deadline and timezone.localdate(now) > deadline),
        )
        plan.status = Plan.Status.SUBMITTED
        _touch(plan, actor)
        log_action(
            actor=actor, code="plans.plan.submitted", target=plan, data={"revision": number, "late": revision.is_late}
        )
        notify(
            users=coordinators(plan),
            subject=_("Plan submitted for agreement: %(plan)s") % {"plan": plan},
            body=_("Revision %(number)s is waiting for your agreement.") % {"number": number},
            url=plan.get_absolute_url(),
        )
    return revision


def return_plan(*, actor, plan, comment, item_comments=None):
    with transaction.atomic():
        plan = _lock(plan)
        _require(actor, plan, "plans.plan:agree")
        check_transition(workflow.PLAN, "return", plan.status, labels=_labels())
        item_comments = {k: v.strip() for k, v in (item_comments or {}).items() if v and v.strip()}
        if not comment.strip() and not item_comments:
            raise ServiceError(_("Write what should be revised."), code="comment_required", field="comment")
        revision = plan.revisions.order_by("-number").first()
        revision.verdict = PlanRevision.Verdict.RETURNED
        revision.comment = comment
        revision.item_comments = item_comments
        revision.decided_at = timezone.now()
        revision.decided_by = actor
        revision.save()
        plan.status = Plan.Status.RETURNED
        _touch(plan, actor)
        log_action(actor=actor, code="plans.plan.returned", target=plan, data={"revision": revision.number})
        notify(
            users=center_leads(plan),
            subject=_("Plan returned for revision: %(plan)s") % {"plan": plan},
            body=comment,
            url=plan.get_absolute_url(),
        )
    return revision


def agree(*, actor, plan):
    with transaction.atomic():
        plan = _lock(plan)
        _require(actor, plan, "plans.plan:agree")
        check_transition(workflow.PLAN, "agree", plan.status, labels=_labels())
        revision = plan.revisions.order_by("-number").first()
        revision.verdict = PlanRevision.Verdict.AGREED
        revision.decided_at = timezone.now()
        revision.decided_by = actor
        revision.save()
        plan.status = Plan.Status.AGREED
        plan.agreed_revision = revision
        _touch(plan, actor)
        log_action(actor=actor, code="plans.plan.agreed", target=plan, data={"revision": revision.number})
        notify(
            users=center_leads(plan),
            subject=_("Plan agreed: %(plan)s") % {"plan": plan},
            url=plan.get_absolute_url(),
        )
    return revision


def start_revision(*, actor, plan):
    """An agreed plan changes only through a new revision that is submitted and agreed again."""
    with transaction.atomic():
        plan = _lock(plan)
        _require(actor, plan, "plans.plan:change")
        check_transition(workflow.PLAN, "revise", plan.status, labels=_labels())
        plan.status = Plan.Status.REVISING
        _touch(plan, actor)
        log_action(actor=actor, code="plans.plan.revision_started", target=plan)
    return plan


def diff_snapshots(old, new):
    """What changed between two snapshots: header fields, added, removed and changed items (by uid)."""
    header = [
        (field, old["header"].get(field, ""), new["header"].get(field, ""))
        for field in HEADER_FIELDS
        if old["header"].get(field, "") != new["header"].get(field, "")
    ]
    old_items = {i["uid"]: i for i in old["items"]}
    new_items = {i["uid"]: i for i in new["items"]}
    added = [new_items[u] for u in new_items if u not in old_items]
    removed = [old_items[u] for u in old_items if u not in new_items]
    changed = []
    for uid in new_items:
        if uid in old_items:
            fields = [
                (k, old_items[uid].get(k), v)
                for k, v in new_items[uid].items()
                if k != "uid" and old_items[uid].get(k) != v
            ]
            if fields:
                changed.append((new_items[uid], fields))
    return {"header": header, "added": added, "removed": removed, "changed": changed}


# --- execution ------------------------------------------------------------------------------------


def set_execution(*, actor, item, execution, reason="", new_date=None, done_on=None, today=None):
    """Mark an item done, rescheduled (new date and reason) or cancelled (reason) — 000 § 3.8."""
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
        plan = item.plan
        _require(actor, plan, "plans.plan:execute")
        if plan.status not in (Plan.Status.AGREED, Plan.Status.REVISING):
            raise ServiceError(_("Execution is tracked once the plan is agreed."), code="not_agreed")
        if execution == PlanItem.Execution.RESCHEDULED:
            if not new_date or not reason.strip():
                raise ServiceError(
                    _("Give the new date and the reason."), code="reschedule_incomplete", field="new_date"
                )
            if not plan.period_start <= new_date <= plan.period_end:
                raise ServiceError(
                    _("The new date must be within the plan's period."), code="date_outside_period", field="new_date"
                )
        elif execution == PlanItem.Execution.CANCELLED:
            if not reason.strip():
                raise ServiceError(_("Give the reason for cancelling."), code="reason_required", field="reason")
        elif execution == PlanItem.Execution.DONE:
            done_on = done_on or today or timezone.localdate()
        elif execution != PlanItem.Execution.PLANNED:
            raise ServiceError(_("Unknown execution state."), code="unknown_execution")
        item.execution = execution
        item.execution_reason = reason if execution in ("rescheduled", "cancelled") else ""
        item.new_date = new_date if execution == "rescheduled" else item.new_date if execution == "done" else None
        item.done_on = done_on if execution == "done" else None
        item.save()
        log_action(
            actor=actor,
            code="plans.item.execution",
            target=plan,
            data={"item": item.topic, "execution": execution, "reason": reason},
        )
    return item


def issue_document(*, actor, plan):
    """The plan as DOCX in the layout of 001 appendix 1, recorded in the registry of issued documents."""
    _require(actor, plan, "plans.plan:export")
    owner = plan.association or plan.center
    context = documents.plan_context(plan)
    return engine.issue(
        code="plans.plan",
        context=context,
        target=plan,
        actor=actor,
        filename=f"plan-{plan.pk}-{plan.period_start.year}.docx",
        download_name=f"{context['title']} {context['period_title']}.docx",
        title=_("Work plan of %(owner)s for %(period)s") % {"owner": owner, "period": plan.period_label},
        properties={
            "title": f"{context['title']} {context['period_title']}",
            "author": context["organization"],
            "subject": "План работы (001, приложение 1)",
            "keywords": "план работы",
        },
    )


def record_event_held(*, item, event_id, held_on):
    """Called by the events app when an event that fulfils this item is held: the item becomes done."""
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        if event_id not in item.events:
            item.events = [*item.events, event_id]
        item.execution = PlanItem.Execution.DONE
        item.done_on = item.done_on or held_on
        item.save()
    return item
