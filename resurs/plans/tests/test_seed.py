"""Demo plans of the `seed` command: nothing without centers; with centers, plans at every status authored by the
demo head and agreed by the demo coordinator, realistic execution, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from resurs.centers.models import Association
from resurs.centers.tests.factories import CenterFactory
from resurs.plans.models import Plan, PlanItem, PlanRevision
from resurs.territory.models import Organization, Region

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed", scale="tiny", seed=1, stdout=out)
    return out.getvalue()


def plan_state():
    return {
        "plans": sorted(Plan.objects.values_list("pk", "status", "version", "updated_at")),
        "items": sorted(PlanItem.objects.values_list("pk", "execution", "date", "new_date", "done_on")),
        "revisions": sorted(PlanRevision.objects.values_list("pk", "verdict", "decided_at")),
    }


def test_without_centers_the_step_does_nothing():
    output = seed()
    assert Plan.objects.count() == 0
    assert "plans:" not in output


def test_plans_at_every_status_with_execution_and_idempotent():
    seed()
    region = Region.objects.get(code="T1")
    schools = list(Organization.objects.filter(municipality__region=region, kind="school").order_by("pk")[:3])
    centers = [CenterFactory(organization=org, name=f"Ресурсный центр {n}") for n, org in enumerate(schools, 1)]
    for center in centers:
        Association.objects.create(center=center, kind="gmo", name=f"ГМО при центре {center.pk}")
    output = seed()  # the users step now gives the demo center roles; the plans step makes the plans
    assert "plans: plans: 9" in output
    year = timezone.localdate().year
    current = Plan.objects.filter(period_start__year=year)
    assert sorted(current.values_list("status", flat=True)) == sorted(
        ["agreed", "submitted", "returned", "revising", "draft", "agreed"]
    )
    assert set(Plan.objects.filter(period_start__year=year - 1).values_list("status", flat=True)) == {"agreed"}
    first = centers[0]
    own = Plan.objects.get(center=first, association=None, period_start__year=year)
    assert own.status == "agreed"
    assert own.revisions.get().submitted_by.username == "center_head"
    assert own.revisions.get().decided_by.username == "coordinator"
    assert own.items.count() == 8 and own.methodological_theme
    submitted = Plan.objects.get(status="submitted")
    assert list(submitted.revisions.order_by("number").values_list("verdict", flat=True)) == ["returned", "pending"]
    returned = Plan.objects.get(status="returned").revisions.get()
    assert len(returned.item_comments) == 2 and returned.comment
    executions = set(PlanItem.objects.filter(plan__period_start__year=year - 1).values_list("execution", flat=True))
    assert "done" in executions and executions & {"rescheduled", "cancelled"}
    for item in PlanItem.objects.filter(plan__status="draft"):
        assert item.execution == "planned"
        assert item.plan.period_start <= item.date <= item.plan.period_end
    before = plan_state()
    seed()
    assert plan_state() == before
