"""Every state change of the center lifecycle (002 § 4.3; 000 § 3.1, 3.4, 3.11, 6.1; 001 § 5.3–5.8; 003 § 3; 004 § 3.4, 9.2)."""

import datetime
import os
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.accounts.services import end_granted_role, grant_role
from resurs.audit.services import audited_save, check_version, log_action, save_object, snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import instance_in_scope
from resurs.common.uploads import validate_upload
from resurs.common.workflow import check_transition
from resurs.documents import engine
from resurs.people.models import Teacher

from . import documents, workflow
from .models import (
    DEFAULT_DEADLINE,
    STAFF_ACCESS_ROLES,
    Application,
    ApplicationAttachment,
    ApplicationDeadline,
    Center,
    CenterDocument,
    Order,
    Review,
    ReviewCriterion,
    StaffAssignment,
)
from .selectors_centers import appointable_users

METHODIST_MIN_RANK = 2  # first (2) or highest (3) category, 001 § 5.7
METHODIST_MIN_YEARS = 3  # at least three years in the specialty, 001 § 5.7


def _require(actor, obj, code, message=None):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(message or _("You may not do this."))


def _application_labels():
    return dict(Application.Status.choices)


def _center_labels():
    return dict(Center.Status.choices)


# --- applications -------------------------------------------------------------------------------


def deadline_for(municipality, year):
    """The last day for applications of `year` in the municipality (default 15 May, 002 § 4.3)."""
    row = ApplicationDeadline.objects.filter(municipality=municipality, year=year).first()
    if row:
        return row.deadline
    return datetime.date(year, *DEFAULT_DEADLINE)


def save_application_draft(*, actor, application, version=None, save_m2m=None, attachments=(), remove_attachments=()):
    """Create or edit the organization's draft application with its files (002 § 4.2); a submitted one is read-only.

    attachments: (title, uploaded file) pairs to add; remove_attachments: attachments of this application to drop.
    """
    creating = application.pk is None
    code = "centers.application:add" if creating else "centers.application:change"
    with transaction.atomic():
        if creating:
            application.status = Application.Status.DRAFT
        else:
            current = Application.objects.select_for_update().get(pk=application.pk)
            check_transition(workflow.APPLICATION, "edit", current.status, labels=_application_labels())
        application = save_object(actor=actor, instance=application, version=version, code=code, save_m2m=save_m2m)
        added = [
            ApplicationAttachment.objects.create(application=application, title=title[:300], file=upload).title
            for title, upload in attachments
        ]
        removed = []
        for attachment in application.attachments.filter(pk__in=[a.pk for a in remove_attachments]):
            removed.append(attachment.title)
            stored = attachment.file
            attachment.delete()
            transaction.on_commit(lambda stored=stored: stored.delete(save=False))
        if added or removed:
            log_action(
                actor=actor,
                code="centers.application.attachments_changed",
                target=application,
                data={"added": added, "removed": removed},
            )
    return application


def submit_application(*, actor, application, now=None):
    """File the application with the expert council; refused after the municipality's deadline (local time)."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("organization__municipality").get(pk=application.pk)
        )
        _require(actor, application, "centers.application:submit")
        check_transition(workflow.APPLICATION, "submit", application.status, labels=_application_labels())
        municipality = application.organization.municipality
        local_now = timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(municipality.timezone))
        last_day = deadline_for(municipality, local_now.year)
        if local_now.date() > last_day:
            raise ServiceError(
                _("Applications for %(year)s were accepted until %(date)s (local time of %(municipality)s).")
                % {"year": local_now.year, "date": last_day.strftime("%d.%m.%Y"), "municipality": municipality.name},
                code="deadline_passed",
            )
        if not application.signed_file:
            raise ServiceError(
                _("Attach the application signed by the director."), code="signed_file_missing", field="signed_file"
            )
        if not application.directions.exists():
            raise ServiceError(
                _("Choose at least one content direction."), code="directions_missing", field="directions"
            )
        before = snapshot(application)
        application.status = Application.Status.UNDER_REVIEW
        application.submitted_at = now or timezone.now()
        application.submitted_by = actor
        audited_save(actor=actor, instance=application, before=before, code="centers.application.submitted")
    return application


def save_review(*, actor, application, scores, comment, recommendation):
    """An expert council member scores the application by every active criterion (002 § 4.3; 003 § 1.2)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _require(actor, application, "centers.application:review")
        check_transition(workflow.APPLICATION, "review", application.status, labels=_application_labels())
        clean_scores = {}
        for criterion in ReviewCriterion.objects.filter(is_active=True):
            value = scores.get(str(criterion.pk), scores.get(criterion.pk))
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ServiceError(
                    _("Give a score for «%(criterion)s».") % {"criterion": criterion.name}, code="score_missing"
                )
            if not 0 <= value <= criterion.max_score:
                raise ServiceError(
                    _("The score for «%(criterion)s» must be from 0 to %(max)s.")
                    % {"criterion": criterion.name, "max": criterion.max_score},
                    code="score_range",
                )
            clean_scores[str(criterion.pk)] = value
        if recommendation not in Review.Recommendation.values:
            raise ServiceError(_("Choose a recommendation."), code="recommendation_missing", field="recommendation")
        review, created = Review.objects.update_or_create(
            application=application,
            expert=actor,
            defaults={"scores": clean_scores, "comment": comment, "recommendation": recommendation},
        )
        log_action(
            actor=actor,
            code="centers.application.reviewed",
            target=application,
            data={"total": review.total, "recommendation": recommendation},
        )
    return review


def decide_application(
    *, actor, application, approve, reason="", term_start=None, term_end=None, order_number=None, order_date=None
):
    """Record the council's decision: approval creates the center, its head and the creation order."""
    action = "approve" if approve else "reject"
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("organization__municipality", "kind")
            .get(pk=application.pk)
        )
        _require(actor, application, "centers.application:decide")
        if application.status in (Application.Status.APPROVED, Application.Status.REJECTED):
            raise ServiceError(
                _("This application was already decided by %(who)s.")
                % {"who": application.decided_by or _("another user")},
                code="already_decided",
            )
        check_transition(workflow.APPLICATION, action, application.status, labels=_application_labels())
        before = snapshot(application)
        if not application.reviews.exists():
            raise ServiceError(_("The expert council has not reviewed the application yet."), code="no_reviews")
        if not approve and not reason.strip():
            raise ServiceError(_("Give the reasons for the rejection."), code="reason_required", field="reason")
        application.status = workflow.APPLICATION[action].target
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_reason = reason
        center = None
        if approve:
            if not term_start or not term_end or term_end < term_start:
                raise ServiceError(
                    _("Give the term: its start and an end after the start."), code="invalid_term", field="term_end"
                )
            application.term_start, application.term_end = term_start, term_end
            org = application.organization
            center = Center(
                organization=org,
                kind=application.kind,
                name=application.title,
                term_start=term_start,
                term_end=term_end,
                application=application,
                email=org.email,
                phone=org.phone,
                website=org.website,
            )
            audited_save(
                actor=actor, instance=center, save_m2m=lambda: center.directions.set(application.directions.all())
            )
            order = issue_order(
                actor=actor,
                issuer=org.municipality,
                kind=Order.Kind.CREATION,
                number=order_number,
                date=order_date or timezone.localdate(),
                center=center,
                application=application,
                check_scope=False,
            )
            if org.director:
                audited_save(
                    actor=actor,
                    instance=StaffAssignment(
                        center=center,
                        role="head",
                        full_name=org.director,
                        position=_("director"),
                        starts_on=term_start,
                        order=order,
                    ),
                )
        audited_save(
            actor=actor,
            instance=application,
            before=before,
            code=f"centers.application.{'approved' if approve else 'rejected'}",
            data={"reason": reason, "center": center.pk if center else None},
        )
    return center


# --- orders -------------------------------------------------------------------------------------


def next_order_number(issuer, year):
    field = "issuer_municipality" if issuer._meta.model_name == "municipality" else "issuer_organization"
    numbers = Order.objects.filter(**{field: issuer, "year": year}).values_list("number", flat=True)
    highest = max((int(n) for n in numbers if str(n).isdigit()), default=0)
    return str(highest + 1)


def issue_order(
    *, actor, issuer, kind, date, number=None, center=None, application=None, title=None, data=None, check_scope=True
):
    """Register an order (number unique per issuer and year) and generate its DOCX from the template in force."""
    is_department = issuer._meta.model_name == "municipality"
    order = Order(
        issuer_municipality=issuer if is_department else None,
        issuer_organization=None if is_department else issuer,
        number=(number or "").strip() or next_order_number(issuer, date.year),
        year=date.year,
        date=date,
        kind=kind,
        center=center,
        application=application,
        data=data or {},
        updated_by=actor,
    )
    order.title = title or documents.order_title(order)
    if center is not None:
        owner = center.organization.municipality_id if is_department else center.organization_id
        if owner != issuer.pk:
            raise ServiceError(
                _("The center does not belong to the issuer of the order."), code="center_issuer", field="center"
            )
    if check_scope:
        _require(actor, order, "centers.order:add", _("You may not issue orders for this issuer."))
    duplicate = ServiceError(
        _("An order with this number already exists for this issuer and year."), code="duplicate_number", field="number"
    )
    # One transaction: the row, its document and the log are stored together or not at all.
    with transaction.atomic():
        try:
            order.full_clean(exclude=["document"])
            with transaction.atomic():  # a savepoint: the number may be taken between the check and the insert
                audited_save(actor=actor, instance=order)
        except ValidationError as exc:
            if any(e.code == "duplicate_number" for errors in exc.error_dict.values() for e in errors):
                raise duplicate
            raise ServiceError("; ".join(exc.messages), code="invalid")
        except IntegrityError:  # a concurrent order took the number between the check and the insert
            raise duplicate
        regenerate_order_document(actor=actor, order=order)
        log_action(actor=actor, code="centers.order.issued", target=order, data={"number": order.number, "kind": kind})
    return order


def regenerate_order_document(*, actor, order):
    """Render the order's document from its values as issued: the first rendering freezes them (a plain JSON
    snapshot on the order), every later one (a new template version) repeats them, whatever was renamed since."""
    if not order.frozen_context:
        order.frozen_context = documents.order_context(order)
    context = order.frozen_context
    order.document = engine.issue(
        code="centers.order",
        context=context,
        target=order,
        actor=actor,
        filename=f"prikaz-{order.year}-{order.number}.docx",
        download_name=context.get("file_name", ""),
        title=context["title"],
        properties={
            "author": context["issuer"],
            "subject": f"Приказ № {context['number']} от {context.get('date_short', context['date'])}",
            "keywords": "приказ",
        },
    )
    order.save(update_fields=["document", "frozen_context"])
    return order.document


SCAN_TYPES = (".pdf", ".jpg", ".jpeg", ".png")


def attach_order_scan(*, actor, order, upload):
    """Keep the scan of the signed order (PDF, JPEG or PNG) next to the generated DOCX."""
    try:
        validate_upload(upload, SCAN_TYPES)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), code="file_type", field="file")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _require(actor, order, "centers.order:change", _("You may not change this order."))
        before = snapshot(order)
        order.signed_scan.save(upload.name, upload, save=False)
        audited_save(
            actor=actor,
            instance=order,
            before=before,
            code="centers.order.scan_attached",
            data={"file": os.path.basename(order.signed_scan.name)},
        )
    return order


def regenerate_order(*, actor, order):
    """Render the order again from the template in force (the earlier document stays in the registry)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        _require(actor, order, "centers.order:change", _("You may not change this order."))
        if order.signed_scan:
            raise ServiceError(
                _("The order is signed and its scan is attached: its text can no longer be regenerated."),
                code="signed",
            )
        previous = order.document_id
        document = regenerate_order_document(actor=actor, order=order)
        log_action(
            actor=actor,
            code="centers.order.regenerated",
            target=order,
            data={"template_version": document.template_version, "previous_document": previous},
        )
    return document


# --- staff --------------------------------------------------------------------------------------


def center_today(center):
    """Today in the center's municipality (its own time zone: a category expires by the local calendar)."""
    municipality = center.organization.municipality
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(municipality.timezone)).date()


def eligibility_warnings(role, *, teacher=None, user=None, today=None):
    """Warnings for a methodist without a valid first/highest category or 3 years in the specialty (001 § 5.7).

    The rule is checked on the teacher's record whichever way the person is chosen: a user account stands for its
    teacher record; a typed name, or an account with no teacher record, cannot be checked and is warned as such.
    A category past its expiry date (compared with `today`, the local date) is no category.
    """
    if role != "methodist":
        return []
    if teacher is None and user is not None:
        teacher = Teacher.objects.select_related("category").filter(user=user).first()
    if teacher is None:
        return [
            _(
                "The eligibility of a methodist is checked on the teacher's record (001 § 5.7): choose the teacher, "
                "or give the reason to appoint without the check."
            )
        ]
    today = today or timezone.localdate()
    warnings = []
    if teacher.category is None or teacher.category.rank < METHODIST_MIN_RANK:
        warnings.append(_("A methodist must have the first or the highest qualification category (001 § 5.7)."))
    elif teacher.category_expires_on is not None and teacher.category_expires_on < today:
        warnings.append(
            _("The qualification category expired on %(date)s; a methodist must hold a valid one (001 § 5.7).")
            % {"date": teacher.category_expires_on.strftime("%d.%m.%Y")}
        )
    if teacher.experience_specialty < METHODIST_MIN_YEARS:
        warnings.append(_("A methodist must have worked in the specialty for at least three years (001 § 5.7)."))
    return warnings


def _ensure_active(center):
    if center.status != Center.Status.ACTIVE:
        raise ServiceError(_("The center is terminated; its records are read-only."), code="read_only")


def assign_staff(
    *,
    actor,
    center,
    role,
    starts_on,
    teacher=None,
    user=None,
    full_name="",
    position="",
    contract="",
    ends_on=None,
    order=None,
    override_reason="",
):
    """Appoint a person to a center function; grants the matching role on the center while it lasts."""
    with transaction.atomic():
        center = Center.objects.select_for_update().get(pk=center.pk)
        _require(actor, center, "centers.staffassignment:add", _("You may not appoint staff of this center."))
        _ensure_active(center)
        if ends_on and ends_on < starts_on:
            raise ServiceError(_("The appointment cannot end before it starts."), code="invalid_dates", field="ends_on")
        if teacher is None and user is None and not full_name.strip():
            raise ServiceError(_("Choose a teacher or a user, or give the full name."), code="person_missing")
        _check_center_choices(center, teacher=teacher, user=user, order=order)
        if role == "external" and not contract.strip():
            raise ServiceError(
                _("Give the contract of the external specialist (004 § 3.4)."),
                code="contract_missing",
                field="contract",
            )
        warnings = eligibility_warnings(role, teacher=teacher, user=user, today=center_today(center))
        if warnings and not override_reason.strip():
            raise ServiceError(" ".join(warnings) + " " + _("To appoint anyway, give the reason."), code="not_eligible")
        name = full_name.strip() or (teacher.full_name if teacher else user.full_name or user.username)
        staff = StaffAssignment(
            center=center,
            role=role,
            teacher=teacher,
            user=user or (teacher.user if teacher else None),
            full_name=name,
            position=position or (teacher.position.name if teacher else ""),
            contract=contract,
            starts_on=starts_on,
            ends_on=ends_on,
            order=order,
            override_reason=override_reason if warnings else "",
        )
        if staff.user_id and role in STAFF_ACCESS_ROLES:
            staff.role_assignment = _grant_center_role(staff, granted_by=actor)
        audited_save(actor=actor, instance=staff)
        log_action(
            actor=actor,
            code="centers.staff.appointed",
            target=center,
            data={"person": name, "role": role, "override_reason": staff.override_reason, "warnings": warnings},
        )
    return staff


def _check_center_choices(center, *, teacher=None, user=None, order=None):
    """The person comes from the center's municipality and the order is the center's own (000 § 6; 001 § 5.7)."""
    municipality_id = center.organization.municipality_id
    if teacher is not None and teacher.organization.municipality_id != municipality_id:
        raise ServiceError(_("Choose a teacher of the center's municipality."), code="teacher_outside", field="teacher")
    if user is not None and not appointable_users(center).filter(pk=user.pk).exists():
        raise ServiceError(_("Choose a user working in the center's municipality."), code="user_outside", field="user")
    if order is not None and order.center_id != center.pk:
        raise ServiceError(_("Choose an order of this center."), code="order_other_center", field="order")


def _grant_center_role(staff, granted_by):
    """The access role of the function, through the accounts service (escalation check, action log).

    A user who already holds that role on the center keeps it: the appointment then grants nothing of its own.
    """
    try:
        return grant_role(
            actor=granted_by,
            user=staff.user,
            role_code=STAFF_ACCESS_ROLES[staff.role],
            scope_kind="center",
            scope_id=staff.center_id,
            code="centers.staffassignment:add",
            starts_on=staff.starts_on,
            ends_on=staff.ends_on,
            source="centers.staff.appointed",
        )
    except ServiceError as exc:
        if exc.code == "duplicate":
            return None
        raise


def end_staff(*, actor, staff, ends_on):
    """End an appointment; the role it granted on the center ends the same day."""
    with transaction.atomic():
        staff = StaffAssignment.objects.select_for_update().select_related("center").get(pk=staff.pk)
        _require(actor, staff, "centers.staffassignment:change", _("You may not change staff of this center."))
        _ensure_active(staff.center)
        if ends_on < staff.starts_on:
            raise ServiceError(_("The appointment cannot end before it starts."), code="invalid_dates", field="ends_on")
        before = snapshot(staff)
        staff.ends_on = ends_on
        audited_save(actor=actor, instance=staff, before=before)
        if staff.role_assignment_id:
            end_granted_role(
                actor=actor, assignment=staff.role_assignment, ends_on=ends_on, source="centers.staff.ended"
            )
        log_action(
            actor=actor,
            code="centers.staff.ended",
            target=staff.center,
            data={"person": staff.full_name, "role": staff.role},
        )
    return staff


# --- termination --------------------------------------------------------------------------------


def terminate_center(*, actor, center, reason, text="", order_number=None, order_date=None):
    """End the center's status by order of the department (000 § 3.11; 003 § 3.2; 004 § 9.2); it becomes read-only."""
    with transaction.atomic():
        center = Center.objects.select_for_update().select_related("organization__municipality").get(pk=center.pk)
        _require(actor, center, "centers.center:terminate", _("You may not terminate this center."))
        check_transition(workflow.CENTER, "terminate", center.status, labels=_center_labels())
        if reason not in Center.TerminationReason.values or reason == Center.TerminationReason.EXPIRED:
            raise ServiceError(_("Choose the reason for termination."), code="reason_required", field="reason")
        if reason == Center.TerminationReason.OTHER and not text.strip():
            raise ServiceError(_("Describe the reason for termination."), code="reason_required", field="text")
        date = order_date or timezone.localdate()
        before = snapshot(center)
        center.status = Center.Status.TERMINATED
        center.terminated_on = date
        center.termination_reason = reason
        center.termination_text = text
        audited_save(actor=actor, instance=center, before=before)
        order = issue_order(
            actor=actor,
            issuer=center.organization.municipality,
            kind=Order.Kind.TERMINATION,
            number=order_number,
            date=date,
            center=center,
            data={"reason": reason, "text": text},
            check_scope=False,
        )
        log_action(
            actor=actor, code="centers.center.terminated", target=center, data={"reason": reason, "order": order.pk}
        )
    return center


def expire_centers(today=None):
    """Daily job: end the centers whose term has passed (status ends, no order is needed: the term order set it)."""
    today = today or timezone.localdate()
    ended = []
    for center in Center.objects.filter(status=Center.Status.ACTIVE, term_end__lt=today):
        with transaction.atomic():
            locked = Center.objects.select_for_update().get(pk=center.pk)
            if locked.status != Center.Status.ACTIVE:
                continue
            before = snapshot(locked)
            locked.status = Center.Status.TERMINATED
            locked.terminated_on = locked.term_end + datetime.timedelta(days=1)
            locked.termination_reason = Center.TerminationReason.EXPIRED
            audited_save(
                actor=None,
                instance=locked,
                before=before,
                code="centers.center.expired",
                data={"term_end": str(locked.term_end)},
            )
            ended.append(locked)
    return ended


# --- the center's own records: refused once the center is terminated (000 § 3.11: the record stays, read-only) --


def _lock_active_center(center_id):
    center = Center.objects.select_for_update().select_related("organization__municipality", "kind").get(pk=center_id)
    _ensure_active(center)
    return center


def update_center(*, actor, center, version, save_m2m=None):
    """Edit the center's own fields (description, contacts, directions); refused once it is terminated."""
    with transaction.atomic():
        _require(actor, center, "centers.center:change", _("You may not change this center."))
        _lock_active_center(center.pk)
        return save_object(
            actor=actor, instance=center, version=version, code="centers.center:change", save_m2m=save_m2m
        )


def save_association(*, actor, association, members, version=None, order_number="", order_date=None):
    """Create or edit a creative group or ГМО (001 § 5.4–5.5, 5.9): head and members from the municipality's
    organizations; with a number or a date, the base organization's order approving the composition is issued."""
    code = "centers.association:change" if association.pk else "centers.association:add"
    with transaction.atomic():
        _require(actor, association, code, _("You may not change the associations of this center."))
        center = _lock_active_center(association.center_id)
        municipality_id = center.organization.municipality_id
        people = list(members) + ([association.head] if association.head_id else [])
        outside = sorted({t.full_name for t in people if t.organization.municipality_id != municipality_id})
        if outside:
            raise ServiceError(
                _("Only teachers of the municipality's organizations can take part: %(names)s.")
                % {"names": ", ".join(outside)},
                code="member_outside",
                field="members",
            )
        if association.order_id and association.order.center_id != center.pk:
            raise ServiceError(_("Choose an order of this center."), code="order_other_center", field="order")
        if association.pk:
            check_version(type(association), association.pk, version)  # before an order is issued for it
        association.full_clean()
        if (order_number or "").strip() or order_date:
            # 001 § 5.5: the composition of a creative group is approved by order of the base organization.
            association.order = issue_order(
                actor=actor,
                issuer=center.organization,
                kind=Order.Kind.GROUP,
                number=order_number,
                date=order_date or timezone.localdate(),
                center=center,
                data={
                    "group": association.name,
                    "association_kind": association.kind,
                    "head": (
                        {
                            "full_name": association.head.full_name,
                            "organization": association.head.organization.short_name,
                        }
                        if association.head_id
                        else ""
                    ),
                    "members": [{"full_name": t.full_name, "organization": t.organization.short_name} for t in members],
                },
            )
        return save_object(
            actor=actor,
            instance=association,
            version=version,
            code=code,
            save_m2m=lambda: association.members.set(members),
        )


def save_agreement(*, actor, agreement, version=None):
    """Record or edit an agreement of the center (003 § 3.3, 6; 004 § 1.5)."""
    code = "centers.agreement:change" if agreement.pk else "centers.agreement:add"
    with transaction.atomic():
        _require(actor, agreement, code, _("You may not change the agreements of this center."))
        center = _lock_active_center(agreement.center_id)
        if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
            raise ServiceError(_("The agreement cannot end before it starts."), code="invalid_dates", field="ends_on")
        organization = agreement.party_organization
        if organization is not None and organization.municipality_id != center.organization.municipality_id:
            raise ServiceError(
                _("Choose an organization of the center's municipality."),
                code="party_outside",
                field="party_organization",
            )
        agreement.party = (agreement.party or "").strip()
        if not agreement.party:
            if organization is None:
                raise ServiceError(_("Name the party or choose its organization."), code="party_missing", field="party")
            agreement.party = organization.full_name
        return save_object(actor=actor, instance=agreement, version=version, code=code)


def add_center_document(*, actor, center, requirement, file, title=""):
    """File a document of the center's nomenclature against one item of its kind's checklist (000 § 5.1; 001 § 6.2;
    003 § 6)."""
    with transaction.atomic():
        document = CenterDocument(center=center, requirement=requirement, file=file, uploaded_by=actor)
        _require(actor, document, "centers.centerdocument:add", _("You may not add documents of this center."))
        center = _lock_active_center(center.pk)
        items = {item["code"]: item for item in center.kind.required_documents}
        if requirement not in items:
            raise ServiceError(
                _("This document is not on the checklist of the center's kind."),
                code="unknown_requirement",
                field="requirement",
            )
        document.center = center
        document.title = (title or "").strip() or items[requirement]["name"]
        audited_save(actor=actor, instance=document)
        log_action(
            actor=actor,
            code="centers.document.added",
            target=center,
            data={"requirement": requirement, "title": document.title},
        )
    return document
