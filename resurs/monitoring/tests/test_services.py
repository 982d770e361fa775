"""Services of monitoring: every coded refusal changes nothing; every change has its action-log entry."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from resurs.audit.models import ActionLog
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.models import Job, Notification
from resurs.common.tests.matrix import db_state
from resurs.monitoring import services
from resurs.monitoring.models import (
    IdentificationRun,
    Indicator,
    IndicatorValue,
    MethodologyVersion,
    RunResult,
    SupportCase,
)
from resurs.territory.tests.factories import OrganizationFactory

from .factories import CONTINGENT, methodology

pytestmark = pytest.mark.django_db


def codes(*names):
    return list(Indicator.objects.filter(code__in=names))


def refused(code, func, **kwargs):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        func(**kwargs)
    assert exc.value.code == code
    assert db_state() == before
    return exc.value


def request_args(w, **changes):
    args = {
        "actor": w.center_head,
        "municipality": w.mun,
        "center": w.center,
        "title": "Кадры на 1 сентября",
        "year": 2026,
        "deadline": timezone.localdate() + datetime.timedelta(days=7),
        "indicators": codes(*CONTINGENT),
        "organizations": [w.org, w.org2],
    }
    args.update(changes)
    return args


# --- data requests ------------------------------------------------------------------------------------------------


def test_create_request_sends_forms_and_mail(mw, django_capture_on_commit_callbacks):
    w = mw
    with django_capture_on_commit_callbacks(execute=True):
        request = services.create_request(**request_args(w))
    assert sorted(request.responses.values_list("organization__short_name", "status")) == sorted(
        [(w.org.short_name, "pending"), (w.org2.short_name, "pending")]
    )
    assert set(request.indicators.values_list("code", flat=True)) == set(CONTINGENT)
    assert [m.to for m in mail.outbox] == [["org@example.org"]]  # only org has an administrator
    assert mail.outbox[0].subject == "Data request: Кадры на 1 сентября"
    assert Notification.objects.filter(user=w.org_admin).count() == 1
    entry = ActionLog.objects.get(code="monitoring.request.sent")
    assert entry.data == {"organizations": 2, "indicators": 4} and entry.actor == w.center_head


@pytest.mark.parametrize(
    "code, changes",
    [
        ("no_indicators", {"indicators": []}),
        ("no_organizations", {"organizations": []}),
        ("year", {"year": 1999}),
        ("deadline_past", {"deadline": datetime.date(2020, 1, 1)}),
    ],
)
def test_create_request_refusals(mw, code, changes):
    refused(code, services.create_request, **request_args(mw, **changes))


def test_create_request_refuses_formula_or_municipal_indicators(mw):
    refused("indicator_level", services.create_request, **request_args(mw, indicators=codes("SHARE_TEACHERS_U35")))
    refused("indicator_level", services.create_request, **request_args(mw, indicators=codes("SUPPORT_SCHOOLS")))


def test_create_request_refuses_organizations_of_another_municipality(mw):
    refused("organization_municipality", services.create_request, **request_args(mw, organizations=[mw.other_org]))


def test_create_request_outside_scope(mw):
    w = mw
    before = db_state()
    for actor, changes in ((w.other_center_head, {}), (w.center_head, {"center": None}), (w.org_admin, {})):
        with pytest.raises(PermissionDeniedError):
            services.create_request(**request_args(w, actor=actor, **changes))
    assert db_state() == before


def test_remind_notifies_those_who_have_not_submitted(mw, django_capture_on_commit_callbacks):
    w = mw
    with django_capture_on_commit_callbacks(execute=True):
        count = services.remind(actor=w.center_head, request=w.request)
    assert count == 2
    assert [m.to for m in mail.outbox] == [["org@example.org"]]
    assert mail.outbox[0].subject == "Reminder: data request «Контингент»"
    assert list(w.request.responses.order_by("pk").values_list("reminders", flat=True)) == [1, 1]
    assert ActionLog.objects.get(code="monitoring.request.reminded").data == {"organizations": 2}


def test_remind_when_everyone_submitted(mw):
    w = mw
    w.request.responses.update(status="submitted")
    refused("nothing_to_remind", services.remind, actor=w.center_head, request=w.request)


def test_remind_outside_scope(mw):
    with pytest.raises(PermissionDeniedError):
        services.remind(actor=mw.other_center_head, request=mw.request)


VALID = {"STUDENTS_TOTAL": "100", "STUDENTS_1_4": "40", "STUDENTS_5_9": "45", "STUDENTS_10_11": "15"}


def test_validate_values_types_ranges_sums():
    indicators = list(Indicator.objects.filter(code__in=CONTINGENT + ["SOC_LOW_INCOME", "INTERNET_SPEED"]))
    values, errors = services.validate_values(
        indicators,
        {**VALID, "STUDENTS_10_11": "16", "SOC_LOW_INCOME": "100.5", "INTERNET_SPEED": "50,5"},
        complete=True,
    )
    assert errors == {
        "STUDENTS_TOTAL": "The parts (STUDENTS_1_4, STUDENTS_5_9, STUDENTS_10_11) add up to 101, not to 100.",
        "SOC_LOW_INCOME": "The value must be from 0 to 100.",
    }
    assert values["INTERNET_SPEED"] == "50.5"
    _values, errors = services.validate_values(
        indicators, {"STUDENTS_TOTAL": "1.5", "STUDENTS_1_4": "-1", "STUDENTS_5_9": "x"}, complete=True
    )
    assert errors["STUDENTS_TOTAL"] == "A whole number is expected."
    assert errors["STUDENTS_1_4"] == "The value must not be below 0."
    assert errors["STUDENTS_5_9"] == "«x» is not a number."
    assert errors["STUDENTS_10_11"] == "A value is required."
    assert errors["SOC_LOW_INCOME"] == "A value is required."
    # Exactly 100 % and 0 are in range; a draft may leave values empty.
    values, errors = services.validate_values(
        indicators, {"SOC_LOW_INCOME": "100", "STUDENTS_1_4": "0"}, complete=False
    )
    assert errors == {} and values == {"SOC_LOW_INCOME": "100", "STUDENTS_1_4": "0"}


def test_fill_submit_return_resubmit_accept(mw):
    w = mw
    response = services.save_values(actor=w.org_admin, response=w.response, values={"STUDENTS_TOTAL": "100"})
    assert response.status == "draft" and response.values == {"STUDENTS_TOTAL": "100"}
    exc = refused("invalid_values", services.submit, actor=w.org_admin, response=response)
    assert set(exc.params["errors"]) == {"STUDENTS_1_4", "STUDENTS_5_9", "STUDENTS_10_11"}
    response = services.submit(actor=w.org_admin, response=response, values=VALID)
    assert response.status == "submitted" and response.submitted_by == w.org_admin
    assert dict(
        IndicatorValue.objects.filter(organization=w.org, year=2026).values_list("indicator__code", "value")
    ) == {code: Decimal(v) for code, v in VALID.items()}
    refused("transition_not_allowed", services.save_values, actor=w.org_admin, response=response, values=VALID)
    refused("comment_required", services.return_response, actor=w.center_head, response=response, comment=" ")
    response = services.return_response(actor=w.center_head, response=response, comment="Проверьте 10–11 классы")
    assert response.status == "returned" and response.return_comment == "Проверьте 10–11 классы"
    response = services.submit(
        actor=w.org_admin, response=response, values={**VALID, "STUDENTS_TOTAL": "101", "STUDENTS_10_11": "16"}
    )
    assert IndicatorValue.objects.get(organization=w.org, year=2026, indicator__code="STUDENTS_TOTAL").value == 101
    assert IndicatorValue.objects.filter(organization=w.org, year=2026).count() == 4
    response = services.accept(actor=w.center_head, response=response)
    assert response.status == "accepted"
    refused("transition_not_allowed", services.accept, actor=w.center_head, response=response)
    assert list(
        ActionLog.objects.filter(code__startswith="monitoring.response").order_by("pk").values_list("code", flat=True)
    ) == [
        "monitoring.response.submitted",
        "monitoring.response.returned",
        "monitoring.response.submitted",
        "monitoring.response.accepted",
    ]


def test_concurrent_edit_of_an_answer(mw):
    w = mw
    services.save_values(actor=w.org_admin, response=w.response, values={}, version=1)
    refused("concurrent_edit", services.save_values, actor=w.org_admin, response=w.response, values={}, version=1)


def test_answers_outside_scope(mw):
    w = mw
    before = db_state()
    with pytest.raises(PermissionDeniedError):
        services.submit(actor=w.other_org_admin, response=w.response, values=VALID)
    with pytest.raises(PermissionDeniedError):
        services.save_values(actor=w.org_admin, response=w.response2, values=VALID)
    with pytest.raises(PermissionDeniedError):
        services.accept(actor=w.org_admin, response=w.response)
    assert db_state() == before


# --- methodology and runs -----------------------------------------------------------------------------------------


def test_new_version_keeps_the_old_one(mw):
    w = mw
    m = methodology("municipal")
    old_rules = m.current.rules
    version = services.create_version(
        actor=w.department, methodology=m, rules=[{"type": "federal_risk", "threshold": 25}], note="Порог 25 %"
    )
    assert version.number == 2
    assert version.rules[0]["threshold"] == 25 and version.rules[0]["min_procedures"] == 2
    assert MethodologyVersion.objects.get(methodology=m, number=1).rules == old_rules
    assert ActionLog.objects.get(code="monitoring.methodology.versioned").data == {"version": 2}


def test_new_version_refusals(mw):
    w = mw
    m = methodology("municipal")
    refused("invalid_rules", services.create_version, actor=w.department, methodology=m, rules=[{"type": "x"}])
    refused(
        "unknown_indicator",
        services.create_version,
        actor=w.department,
        methodology=m,
        rules=[{"type": "social_index", "components": [{"indicator": "NOPE", "worse": "higher"}]}],
    )
    with pytest.raises(PermissionDeniedError):
        services.create_version(actor=w.org_admin, methodology=m, rules=[{"type": "federal_risk"}])


def test_run_as_a_job_records_version_parameters_and_explanations(mw, django_capture_on_commit_callbacks):
    w = mw
    version = methodology("federal-risk").current
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(actor=w.department, municipality=w.mun, version=version, year=2025)
    run.refresh_from_db()
    assert run.status == "done" and run.methodology_version == version
    assert run.parameters[0]["threshold"] == 30
    assert run.job.status == Job.Status.DONE and run.job.user == w.department
    assert run.group_counts == {"risk": 1}
    assert run.school_count == 3  # org, org2 and the center's school
    found = RunResult.objects.get(run=run, organization=w.org)
    assert found.groups == ["risk"]
    assert found.explanation[0]["repeated"][0]["share_previous"] == 35.0
    assert RunResult.objects.get(run=run, organization=w.org2).groups == []
    assert not RunResult.objects.filter(run=run, organization=w.other_org).exists()
    assert ActionLog.objects.get(code="monitoring.run.started").data == {
        "methodology": str(version),
        "year": 2025,
    }


def test_run_refusals(mw):
    w = mw
    version = methodology("federal-risk").current
    refused("year", services.start_run, actor=w.department, municipality=w.mun, version=version, year=1990)
    before = db_state()
    for actor in (w.other_department, w.regional, w.org_admin, w.center_head):
        with pytest.raises(PermissionDeniedError):
            services.start_run(actor=actor, municipality=w.mun, version=version, year=2025)
    assert db_state() == before


def test_run_with_the_social_index_reads_submitted_values(mw):
    w = mw
    request = services.create_request(
        **request_args(w, actor=w.department, center=None, year=2025, indicators=codes("SOC_LOW_INCOME"))
    )
    for org, value in ((w.org, "10"), (w.org2, "40")):
        services.submit(
            actor=_admin(w, org), response=request.responses.get(organization=org), values={"SOC_LOW_INCOME": value}
        )
    m = methodology("municipal")
    version = services.create_version(
        actor=w.department,
        methodology=m,
        rules=[
            {"type": "social_index", "share": 50, "components": [{"indicator": "SOC_LOW_INCOME", "worse": "higher"}]}
        ],
    )
    run = IdentificationRun.objects.create(
        municipality=w.mun, methodology_version=version, year=2025, parameters=services.check_rules(version.rules)
    )
    services.execute_run(run)
    assert RunResult.objects.get(run=run, organization=w.org2).groups == ["adverse_social"]
    assert RunResult.objects.get(run=run, organization=w.org).groups == []
    assert RunResult.objects.get(run=run, organization=w.org2).explanation[0]["index"] == 1.0


def _admin(w, org):
    from resurs.accounts.testing import make_user

    if org == w.org:
        return w.org_admin
    return make_user(f"admin{org.pk}", "org_admin", "organization", org)


# --- support ------------------------------------------------------------------------------------------------------


def test_create_support_with_centers_and_partners(mw):
    w = mw
    case = services.create_support(
        actor=w.department,
        organization=w.org2,
        year=2025,
        group="low_results",
        run=w.run,
        centers=[w.center],
        partners=[w.org],
        goal="Снизить долю «2» по ВПР",
    )
    assert list(case.supporting_centers.all()) == [w.center]
    assert list(case.partner_schools.all()) == [w.org]
    assert ActionLog.objects.filter(code="monitoring.support.opened", object_id=str(case.pk)).count() == 1


def test_create_support_refusals(mw):
    w = mw
    kindergarten = OrganizationFactory(municipality=w.mun, kind="kindergarten")
    args = {"actor": w.department, "organization": w.org2, "year": 2025, "group": "risk"}
    refused("not_a_school", services.create_support, **{**args, "organization": kindergarten})
    far_center = _far_center(w)
    refused("center_region", services.create_support, **args, centers=[far_center])
    refused("partner_municipality", services.create_support, **args, partners=[w.other_org])
    refused("partner_municipality", services.create_support, **args, partners=[w.org2])
    refused("duplicate_support", services.create_support, **{**args, "organization": w.org})
    refused("year", services.create_support, **{**args, "year": 1990})
    with pytest.raises(PermissionDeniedError):
        services.create_support(**{**args, "actor": w.other_department})


def _far_center(w):
    from resurs.centers.tests.factories import CenterFactory

    return CenterFactory(organization=OrganizationFactory(municipality=w.far_mun))


def test_steps_of_the_plan(mw):
    w = mw
    new = services.add_step(
        actor=w.center_head,
        case=w.case,
        title="Консультация",
        responsible="Петрова",
        deadline=datetime.date(2026, 4, 1),
    )
    assert list(w.case.steps.values_list("title", flat=True)) == ["Семинар для учителей", "Консультация"]
    step_ = services.update_step(actor=w.center_head, step=new, status="done", result="Проведена", version=1)
    assert (step_.status, step_.result, step_.version) == ("done", "Проведена", 2)
    SupportCase.objects.filter(pk=w.case.pk).update(status="closed")
    refused(
        "case_closed",
        services.add_step,
        actor=w.department,
        case=w.case,
        title="x",
        responsible="y",
        deadline=datetime.date(2026, 1, 1),
    )
    refused("case_closed", services.update_step, actor=w.department, step=w.step, status="done")
    with pytest.raises(PermissionDeniedError):
        services.add_step(
            actor=w.org_admin, case=w.other_case, title="x", responsible="y", deadline=datetime.date(2026, 1, 1)
        )


def test_update_support(mw):
    w = mw
    case = services.update_support(
        actor=w.department, case=w.case, version=1, centers=[], partners=[w.org2], goal="Новая цель", status="closed"
    )
    assert (case.goal, case.status, list(case.partner_schools.all())) == ("Новая цель", "closed", [w.org2])
    refused(
        "concurrent_edit",
        services.update_support,
        actor=w.department,
        case=w.case,
        version=1,
        centers=[],
        partners=[],
        goal="",
        status="open",
    )


def test_formula_indicators_over_submitted_values(mw):
    """School: 12 of 40 teachers under 35 → 30 %; org2: 5 of 10 → 50 %; the municipality: 17 / 50 = 34 %."""
    from resurs.monitoring import selectors

    w = mw
    total, young = Indicator.objects.get(code="TEACHERS_TOTAL"), Indicator.objects.get(code="TEACHERS_U35")
    for org, t, y in ((w.org, 40, 12), (w.org2, 10, 5)):
        IndicatorValue.objects.create(organization=org, indicator=total, year=2025, value=t)
        IndicatorValue.objects.create(organization=org, indicator=young, year=2025, value=y)
    IndicatorValue.objects.create(
        organization=w.org, indicator=Indicator.objects.get(code="SOC_LOW_INCOME"), year=2025, value=20
    )
    school = {i.code: points for i, points in selectors.school_dynamics(w.org)["indicators"]}
    assert school["SHARE_TEACHERS_U35"] == {2025: Decimal("30.00")}
    assert school["SOC_LOW_INCOME"] == {2025: Decimal("20")}
    assert "STUDENTS_PER_TEACHER" not in school  # STUDENTS_TOTAL was not submitted
    municipality = {i.code: points for i, points in selectors.municipality_dynamics(w.mun)["indicators"]}
    assert municipality["TEACHERS_TOTAL"] == {2025: Decimal("50")}
    assert municipality["SHARE_TEACHERS_U35"] == {2025: Decimal("34.00")}
    assert "SOC_LOW_INCOME" not in municipality  # percentages of schools are not added up


def test_run_of_a_methodology_without_rules(mw):
    refused("invalid_rules", services.start_run, actor=mw.department, municipality=mw.mun, version=None, year=2025)
