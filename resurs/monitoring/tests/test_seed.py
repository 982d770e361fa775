"""Demo monitoring of the `seed` command: years of aggregates, runs with explanations, a half-answered request, a
support plan; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from resurs.monitoring.models import (
    AssessmentResult,
    DataResponse,
    IdentificationRun,
    RunResult,
    SupportCase,
    SupportStep,
)

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed", scale="tiny", seed=1, stdout=out)
    return out.getvalue()


def state():
    return {
        "results": AssessmentResult.objects.count(),
        "runs": sorted(IdentificationRun.objects.values_list("pk", "status", "year", "school_count")),
        "answers": sorted(DataResponse.objects.values_list("pk", "status")),
        "cases": SupportCase.objects.count(),
    }


def test_demo_monitoring_and_idempotent():
    seed()
    runs = list(IdentificationRun.objects.order_by("year"))
    assert len(runs) == 2 and {r.status for r in runs} == {"done"}
    assert runs[1].year == runs[0].year + 1
    schools = runs[1].school_count
    assert schools > 0
    assert RunResult.objects.filter(run=runs[1]).count() == schools
    years = sorted(set(AssessmentResult.objects.values_list("year", flat=True)))
    assert years == list(range(runs[1].year - 3, runs[1].year + 1))
    assert sum(runs[1].group_counts.values()) >= 1
    # The persistently low school of the profile (the second school) is at risk in the last run.
    assert [r for r in RunResult.objects.filter(run=runs[1]) if "risk" in r.groups]
    statuses = set(
        DataResponse.objects.filter(request__title__startswith="Контингент").values_list("status", flat=True)
    )
    assert statuses >= {"pending", "submitted"}  # the third school, if any, has its answer returned
    demo = DataResponse.objects.get(
        request__title__startswith="Контингент", organization__teachers__user__username="teacher"
    )
    assert demo.status == "pending"  # the demo organization administrator's form to fill
    case = SupportCase.objects.get()
    assert SupportStep.objects.filter(case=case).count() == 3
    before = state()
    seed()
    assert state() == before
