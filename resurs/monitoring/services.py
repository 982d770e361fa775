"""Every state change of monitoring: data requests and answers (000 § 7.1.1; 004 § 2.2.3), methodology versions and
identification runs (004 § 1.1, 2.2.2), support of identified schools (004 § 5.3–5.5)."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.accounts.models import RoleAssignment
from resurs.audit.services import audited_save, check_version, log_action
from resurs.audit.services import snapshot as record_snapshot
from resurs.common import jobs
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.notifications import notify
from resurs.common.scoping import instance_in_scope
from resurs.common.workflow import check_transition
from resurs.territory.models import Organization, OrganizationType

from . import identification, workflow
from .models import (
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    IndicatorValue,
    Methodology,
    MethodologyVersion,
    RunResult,
    SupportCase,
    SupportStep,
)

RUN_JOB = "monitoring.identify"
SUBMIT_CODE = "monitoring.dataresponse:submit"


def _require(actor, obj, code, message=None):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(message or _("You may not do this here."))


def _check_year(year):
    today = timezone.localdate()
    if not isinstance(year, int) or not 2000 <= year <= today.year + 1:
        raise ServiceError(_("The year is out of range."), code="year", field="year")


def org_admins(organization_ids):
    """Users who answer data requests for these organizations: their role holds the submit code on the organization."""
    today = timezone.localdate()
    assignments = (
        RoleAssignment.objects.filter(scope_kind="organization", scope_id__in=list(organization_ids))
        .filter(starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("user", "role")
    )
    found = {}
    for a in assignments:
        if SUBMIT_CODE in (a.role.permissions or []):
            found.setdefault(a.scope_id, []).append(a.user)
    return found


# --- data requests ------------------------------------------------------------------------------------------------


def create_request(*, actor, municipality, title, year, deadline, indicators, organizations, center=None, note=""):
    """Send a form of indicators to chosen organizations of the municipality with a deadline (000 § 7.1.1)."""
    request = DataRequest(
        municipality=municipality, center=center, title=title, year=year, deadline=deadline, note=note
    )
    _require(actor, request, "monitoring.datarequest:add")
    _check_year(year)
    indicators = list(indicators)
    organizations = list(organizations)
    if not indicators:
        raise ServiceError(_("Choose at least one indicator."), code="no_indicators", field="indicators")
    if any(i.level != Indicator.Level.ORGANIZATION or i.formula for i in indicators):
        raise ServiceError(
            _("A data request asks organizations for organization-level indicators only."),
            code="indicator_level",
            field="indicators",
        )
    if not organizations:
        raise ServiceError(_("Choose at least one organization."), code="no_organizations", field="organizations")
    if any(o.municipality_id != municipality.pk for o in organizations):
        raise ServiceError(
            _("The organizations must belong to the request's municipality."),
            code="organization_municipality",
            field="organizations",
        )
    if deadline < timezone.localdate():
        raise ServiceError(_("The deadline has passed already."), code="deadline_past", field="deadline")
    with transaction.atomic():
        audited_save(
            actor=actor,
            instance=request,
            code="monitoring.request.sent",
            data={"organizations": len(organizations), "indicators": len(indicators)},
            save_m2m=lambda: request.indicators.set(indicators),
        )
        DataResponse.objects.bulk_create(
            [DataResponse(request=request, organization=o, updated_by=actor) for o in organizations]
        )
        admins = org_admins(o.pk for o in organizations)
        responses = {r.organization_id: r for r in request.responses.all()}
        for org_id, users in admins.items():
            notify(
                users=users,
                subject=_("Data request: %(title)s") % {"title": request.title},
                body=_("Please fill in and submit the form by %(deadline)s.")
                % {"deadline": deadline.strftime("%d.%m.%Y")},
                url=reverse("monitoring:response-detail", args=[responses[org_id].pk]),
            )
    return request


def remind(*, actor, request):
    """Remind every organization that has not submitted (by e-mail and in the application); returns how many."""
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        _require(actor, request, "monitoring.datarequest:remind")
        late = list(
            request.responses.select_for_update().filter(status__in=list(workflow.OPEN)).select_related("organization")
        )
        if not late:
            raise ServiceError(_("Every organization has submitted its answer."), code="nothing_to_remind")
        admins = org_admins(r.organization_id for r in late)
        now = timezone.now()
        for response in late:
            notify(
                users=admins.get(response.organization_id, []),
                subject=_("Reminder: data request «%(title)s»") % {"title": request.title},
                body=_("Your organization has not submitted the form yet; the deadline is %(deadline)s.")
                % {"deadline": request.deadline.strftime("%d.%m.%Y")},
                url=reverse("monitoring:response-detail", args=[response.pk]),
            )
        DataResponse.objects.filter(pk__in=[r.pk for r in late]).update(
            reminders=F("reminders") + 1, last_reminded_at=now
        )
        log_action(actor=actor, code="monitoring.request.reminded", target=request, data={"organizations": len(late)})
    return len(late)


def _number(text):
    if isinstance(text, bool):
        raise InvalidOperation
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text))
    return Decimal(str(text).strip().replace(",", ".").replace(" ", ""))


def validate_values(indicators, raw, *, complete):
    """(values, errors) of a form: types, ranges, sums of parts; `complete` requires every value (on submission).

    Values are stored as strings of the number (JSON keeps them exact); errors are {indicator code: message}.
    """
    values, errors = {}, {}
    by_code = {i.code: i for i in indicators}
    for indicator in indicators:
        text = raw.get(indicator.code)
        if text is None or (isinstance(text, str) and not text.strip()):
            if complete:
                errors[indicator.code] = _("A value is required.")
            continue
        try:
            number = _number(text)
            if not number.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors[indicator.code] = _("«%(value)s» is not a number.") % {"value": text}
            continue
        if indicator.value_type == Indicator.ValueType.INTEGER and number != number.to_integral_value():
            errors[indicator.code] = _("A whole number is expected.")
            continue
        low = indicator.min_value if indicator.min_value is not None else Decimal(0)
        high = indicator.max_value
        if high is None and indicator.value_type == Indicator.ValueType.PERCENT:
            high = Decimal(100)
        if number < low or (high is not None and number > high):
            errors[indicator.code] = (
                _("The value must be from %(low)s to %(high)s.") % {"low": low, "high": high}
                if high is not None
                else _("The value must not be below %(low)s.") % {"low": low}
            )
            continue
        values[indicator.code] = str(number.normalize() if number == number.to_integral_value() else number)
        if "E" in values[indicator.code]:
            values[indicator.code] = str(int(number))
    for indicator in indicators:
        parts = [p for p in by_code.values() if p.part_of_id == indicator.pk]
        if not parts or indicator.code not in values or any(p.code not in values for p in parts):
            continue
        total = sum(Decimal(values[p.code]) for p in parts)
        if total != Decimal(values[indicator.code]):
            errors.setdefault(
                indicator.code,
                _("The parts (%(parts)s) add up to %(sum)s, not to %(total)s.")
                % {"parts": ", ".join(p.code for p in parts), "sum": total, "total": values[indicator.code]},
            )
    return values, errors


def _values_error(errors):
    return ServiceError(_("Some values are missing or not valid."), code="invalid_values", params={"errors": errors})


def _lock_response(response, version):
    locked = check_version(DataResponse, response.pk, version)
    locked._audit_before = record_snapshot(locked)
    return locked


def _labels():
    return dict(DataResponse.Status.choices)


def save_values(*, actor, response, values, version=None):
    """Keep a draft of the answer (values checked for type and range; blanks allowed)."""
    with transaction.atomic():
        response = _lock_response(response, version)
        _require(actor, response, "monitoring.dataresponse:change")
        check_transition(workflow.RESPONSE, "save", response.status, labels=_labels())
        indicators = list(response.request.indicators.all())
        clean, errors = validate_values(indicators, values, complete=False)
        if errors:
            raise _values_error(errors)
        response.values = clean
        response.status = DataResponse.Status.DRAFT
        audited_save(actor=actor, instance=response, before=response._audit_before)
    return response


def submit(*, actor, response, values=None, version=None):
    """Submit the answer: every value present and valid, the sums adding up; the values enter the dynamics."""
    with transaction.atomic():
        response = _lock_response(response, version)
        _require(actor, response, SUBMIT_CODE)
        check_transition(workflow.RESPONSE, "submit", response.status, labels=_labels())
        indicators = list(response.request.indicators.all())
        clean, errors = validate_values(indicators, response.values if values is None else values, complete=True)
        if errors:
            raise _values_error(errors)
        response.values = clean
        response.status = DataResponse.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = actor
        response.return_comment = ""
        audited_save(
            actor=actor, instance=response, before=response._audit_before, code="monitoring.response.submitted"
        )
        year = response.request.year
        IndicatorValue.objects.filter(
            organization_id=response.organization_id, year=year, indicator__in=indicators
        ).delete()
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    organization_id=response.organization_id,
                    indicator=i,
                    year=year,
                    value=Decimal(clean[i.code]),
                    response=response,
                )
                for i in indicators
            ]
        )
    return response


def return_response(*, actor, response, comment):
    """Return a submitted (or accepted) answer for correction, saying what to correct; the organization is told."""
    with transaction.atomic():
        response = _lock_response(response, None)
        _require(actor, response, "monitoring.dataresponse:review")
        check_transition(workflow.RESPONSE, "return", response.status, labels=_labels())
        if not (comment or "").strip():
            raise ServiceError(_("Write what should be corrected."), code="comment_required", field="comment")
        response.status = DataResponse.Status.RETURNED
        response.return_comment = comment.strip()
        audited_save(
            actor=actor,
            instance=response,
            before=response._audit_before,
            code="monitoring.response.returned",
            data={"comment": response.return_comment},
        )
        notify(
            users=org_admins([response.organization_id]).get(response.organization_id, []),
            subject=_("Data request «%(title)s»: returned for correction") % {"title": response.request.title},
            body=response.return_comment,
            url=reverse("monitoring:response-detail", args=[response.pk]),
        )
    return response


def accept(*, actor, response):
    with transaction.atomic():
        response = _lock_response(response, None)
        _require(actor, response, "monitoring.dataresponse:review")
        check_transition(workflow.RESPONSE, "accept", response.status, labels=_labels())
        response.status = DataResponse.Status.ACCEPTED
        audited_save(actor=actor, instance=response, before=response._audit_before, code="monitoring.response.accepted")
    return response


# --- methodologies and runs ---------------------------------------------------------------------------------------


def check_rules(rules):
    """The rules normalized (defaults filled in); ServiceError invalid_rules / unknown_indicator otherwise."""
    try:
        normalized = identification.normalize_rules(rules)
    except identification.RuleError as exc:
        raise ServiceError(str(exc), code="invalid_rules", field="rules") from None
    codes = {c["indicator"] for r in normalized if r["type"] == "social_index" for c in r["components"]}
    known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    if codes - known:
        raise ServiceError(
            _("The rule names an indicator that is not in the catalog: %(codes)s.")
            % {"codes": ", ".join(sorted(codes - known))},
            code="unknown_indicator",
            field="rules",
        )
    return normalized


def create_version(*, actor, methodology, rules, note=""):
    """A new version of the methodology's rules; earlier versions stay as they were (runs refer to them)."""
    normalized = check_rules(rules)
    with transaction.atomic():
        methodology = Methodology.objects.select_for_update().get(pk=methodology.pk)
        _require(actor, methodology, "monitoring.methodology:change")
        last = methodology.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = MethodologyVersion.objects.create(
            methodology=methodology, number=last + 1, rules=normalized, note=note, created_by=actor
        )
        log_action(
            actor=actor, code="monitoring.methodology.versioned", target=methodology, data={"version": version.number}
        )
    return version


def start_run(*, actor, municipality, version, year):
    """Queue a run of the methodology version for the municipality and year (a background job, 004 § 2.2.3)."""
    run = IdentificationRun(municipality=municipality, methodology_version=version, year=year, started_by=actor)
    _require(actor, run, "monitoring.identificationrun:add")
    _check_year(year)
    if version is None:
        raise ServiceError(_("The methodology has no version of its rules yet."), code="invalid_rules")
    with transaction.atomic():
        run.parameters = check_rules(version.rules)
        run.save()
        job = jobs.enqueue(
            kind=RUN_JOB,
            user=actor,
            title=_("Identification of schools, %(year)s") % {"year": year},
            params={"run": run.pk},
        )
        IdentificationRun.objects.filter(pk=run.pk).update(job=job)
        run.job = job
        log_action(
            actor=actor,
            code="monitoring.run.started",
            target=run,
            data={"methodology": str(version), "year": year},
        )
    return run


def load_inputs(run):
    """(schools, results, social values) the run reads: aggregates of the municipality's schools only."""
    rules = run.parameters
    first = identification.years_needed(rules, run.year)
    schools = list(
        Organization.objects.filter(municipality_id=run.municipality_id, kind=OrganizationType.SCHOOL)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    results = [
        (org, year, procedure, subject, grade, n, below if below is not None else mark2)
        for org, year, procedure, subject, grade, n, below, mark2 in AssessmentResult.objects.filter(
            organization__municipality_id=run.municipality_id,
            organization__kind=OrganizationType.SCHOOL,
            year__gte=first,
            year__lte=run.year,
        ).values_list(
            "organization_id", "year", "procedure", "subject", "grade", "participants", "below_minimum", "mark2"
        )
    ]
    codes = {c["indicator"] for r in rules if r["type"] == "social_index" for c in r["components"]}
    social = {}
    if codes:
        for org, code, value in IndicatorValue.objects.filter(
            organization__municipality_id=run.municipality_id, year=run.year, indicator__code__in=codes
        ).values_list("organization_id", "indicator__code", "value"):
            social.setdefault(org, {})[code] = value
    return schools, results, social


def execute_run(run, progress=None):
    """Compute and store the run's results: for every school its groups and the explanation rule by rule."""
    progress = progress or (lambda done, total, message="": None)
    schools, results, social = load_inputs(run)
    progress(1, 3, _("Computing"))
    found = identification.identify(run.parameters, schools, results, run.year, social)
    progress(2, 3, _("Writing results"))
    counts = {}
    with transaction.atomic():
        RunResult.objects.filter(run=run).delete()
        RunResult.objects.bulk_create(
            [
                RunResult(run=run, organization_id=org, groups=item["groups"], explanation=item["explanation"])
                for org, item in found.items()
            ],
            batch_size=500,
        )
        for item in found.values():
            for group in item["groups"]:
                counts[group] = counts.get(group, 0) + 1
        IdentificationRun.objects.filter(pk=run.pk).update(
            status=IdentificationRun.Status.DONE,
            finished_at=timezone.now(),
            school_count=len(schools),
            group_counts=counts,
            error="",
        )
    return {"schools": len(schools), "groups": counts}


@jobs.job_handler(RUN_JOB)
def run_job(job, progress):
    """Job handler: execute the run (a ServiceError or a crash marks the run failed, with the job's error)."""
    run = IdentificationRun.objects.get(pk=job.params["run"])
    try:
        data = execute_run(run, progress)
    except Exception:
        IdentificationRun.objects.filter(pk=run.pk).update(status=IdentificationRun.Status.FAILED)
        raise
    return {"data": {"run": run.pk, **data}}


# --- support ------------------------------------------------------------------------------------------------------


def _check_support(case, centers, partners):
    school = case.organization
    if school.kind != OrganizationType.SCHOOL:
        raise ServiceError(
            _("Support is given to general education schools."), code="not_a_school", field="organization"
        )
    for center in centers:
        if center.status != "active" or center.organization.municipality.region_id != school.municipality.region_id:
            raise ServiceError(
                _("A supporting center must be an active center of the school's region."),
                code="center_region",
                field="supporting_centers",
            )
    for partner in partners:
        if partner.pk == school.pk or partner.municipality_id != school.municipality_id:
            raise ServiceError(
                _("A partner school must be another school of the same municipality."),
                code="partner_municipality",
                field="partner_schools",
            )


def create_support(*, actor, organization, year, group, run=None, centers=(), partners=(), goal=""):
    """Open the support of an identified school: supporting centers, partner schools, the goal (004 § 5.3–5.5)."""
    centers, partners = list(centers), list(partners)
    case = SupportCase(organization=organization, year=year, group=group, run=run, goal=goal)
    _require(actor, case, "monitoring.supportcase:add")
    _check_year(year)
    _check_support(case, centers, partners)
    try:
        with transaction.atomic():
            audited_save(
                actor=actor,
                instance=case,
                code="monitoring.support.opened",
                data={"group": group},
                save_m2m=lambda: (case.supporting_centers.set(centers), case.partner_schools.set(partners)),
            )
    except IntegrityError:
        raise ServiceError(
            _("The school already has a support plan for this group and year."), code="duplicate_support"
        ) from None
    return case


def update_support(*, actor, case, version, centers, partners, goal, status):
    with transaction.atomic():
        case = check_version(SupportCase, case.pk, version)
        before = record_snapshot(case)
        _require(actor, case, "monitoring.supportcase:change")
        centers, partners = list(centers), list(partners)
        _check_support(case, centers, partners)
        case.goal = goal
        case.status = status
        audited_save(
            actor=actor,
            instance=case,
            before=before,
            save_m2m=lambda: (case.supporting_centers.set(centers), case.partner_schools.set(partners)),
        )
    return case


def add_step(*, actor, case, title, responsible, deadline):
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        _require(actor, case, "monitoring.supportcase:change")
        if case.status == SupportCase.Status.CLOSED:
            raise ServiceError(_("The support is completed; its plan is read-only."), code="case_closed")
        step = SupportStep(case=case, title=title, responsible=responsible, deadline=deadline)
        audited_save(
            actor=actor, instance=step, code="monitoring.support.step_added", target=case, data={"step": title}
        )
    return step


def update_step(*, actor, step, version=None, **fields):
    """Change a step of the plan: its text, responsible person, deadline, status, result."""
    with transaction.atomic():
        step = check_version(SupportStep, step.pk, version)
        before = record_snapshot(step)
        case = SupportCase.objects.select_for_update().get(pk=step.case_id)
        _require(actor, case, "monitoring.supportcase:change")
        if case.status == SupportCase.Status.CLOSED:
            raise ServiceError(_("The support is completed; its plan is read-only."), code="case_closed")
        for name in ("title", "responsible", "deadline", "status", "result"):
            if name in fields:
                setattr(step, name, fields[name])
        step.full_clean()
        audited_save(actor=actor, instance=step, before=before)
    return step


def default_year():
    """The year of the latest results: the previous calendar year until September, then the current one."""
    now = timezone.localdate()
    return now.year if now.month >= 9 else now.year - 1
