"""Factories of monitoring: assessment aggregates, data requests, runs, support plans; a monitoring world."""

import datetime

from django.utils import timezone

from resurs.accounts.testing import make_user
from resurs.centers.tests.factories import CenterFactory
from resurs.monitoring import services
from resurs.monitoring.models import (
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    Methodology,
    RunResult,
    SupportCase,
    SupportStep,
)
from resurs.territory.tests.factories import OrganizationFactory

CONTINGENT = ["STUDENTS_TOTAL", "STUDENTS_1_4", "STUDENTS_5_9", "STUDENTS_10_11"]


def result(org, year, n=20, low=0, procedure="vpr", subject="Математика", grade=5, **extra):
    """An aggregate with its marks consistent: `low` «2», the rest «3» (ЕГЭ: `low` below the minimum)."""
    if procedure == "ege":
        values = {"below_minimum": low, "average_score": 60}
    else:
        values = {"mark2": low, "mark3": n - low, "mark4": 0, "mark5": 0}
    values.update(extra)
    return AssessmentResult.objects.create(
        organization=org, year=year, procedure=procedure, subject=subject, grade=grade, participants=n, **values
    )


def data_request(municipality, organizations, codes=CONTINGENT, center=None, title="Контингент", year=2026, by=None):
    request = DataRequest.objects.create(
        municipality=municipality,
        center=center,
        title=title,
        year=year,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        updated_by=by,
    )
    request.indicators.set(Indicator.objects.filter(code__in=codes))
    for org in organizations:
        DataResponse.objects.create(request=request, organization=org)
    return request


def methodology(code="federal-risk"):
    return Methodology.objects.get(code=code)


def run(municipality, year=2025, code="federal-risk", execute=True):
    version = methodology(code).current
    obj = IdentificationRun.objects.create(
        municipality=municipality,
        methodology_version=version,
        year=year,
        parameters=services.check_rules(version.rules),
    )
    if execute:
        services.execute_run(obj)
        obj.refresh_from_db()
    return obj


def support(org, year=2025, group="risk", centers=(), **extra):
    case = SupportCase.objects.create(organization=org, year=year, group=group, **extra)
    case.supporting_centers.set(centers)
    return case


def step(case, title="Семинар для учителей", deadline=datetime.date(2026, 3, 1), **extra):
    return SupportStep.objects.create(case=case, title=title, responsible="Иванова И. И.", deadline=deadline, **extra)


def monitoring_world(world):
    """The shared world plus: a center of the municipality with a head, a school that is not in any request,
    two years of results where org is at risk, a finished run, a request to org and org2, a support plan."""
    w = world
    w.center = CenterFactory(organization=OrganizationFactory(municipality=w.mun))
    w.other_center = CenterFactory(organization=OrganizationFactory(municipality=w.other_mun))
    w.center_head = make_user("center_head", "center_head", "center", w.center)
    w.other_center_head = make_user("other_center_head", "center_head", "center", w.other_center)
    w.center_head.email = "head@example.org"
    w.center_head.save()
    w.org_admin.email = "org@example.org"
    w.org_admin.save()
    for year, low in ((2024, 7), (2025, 6)):
        result(w.org, year, n=20, low=low)
        result(w.org, year, n=10, low=3, subject="Русский язык")
        result(w.org2, year, n=20, low=1)
    result(w.other_org, 2025, n=20, low=10)
    w.result = w.org.assessment_results.order_by("pk").first()
    w.other_result = w.other_org.assessment_results.get()
    w.run = run(w.mun)
    w.other_run = run(w.other_mun)
    w.run_result = RunResult.objects.get(run=w.run, organization=w.org)
    w.request = data_request(w.mun, [w.org, w.org2], center=w.center)
    w.other_request = data_request(w.other_mun, [w.other_org])
    w.response = DataResponse.objects.get(request=w.request, organization=w.org)
    w.response2 = DataResponse.objects.get(request=w.request, organization=w.org2)
    w.other_response = w.other_request.responses.get()
    w.case = support(w.org, centers=[w.center], run=w.run)
    w.step = step(w.case)
    w.other_case = support(w.other_org)
    w.methodology = methodology()
    w.indicator = Indicator.objects.get(code="STUDENTS_TOTAL")
    return w
