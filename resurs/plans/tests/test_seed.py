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
    assert not any(line.startswith("plans:") for line in output.splitlines())


def test_plans_at_every_status_with_execution_and_idempotent():
    seed()
    region = Region.objects.get(code="T1")
    schools = list(Organization.objects.filter(municipality__region=region, kind="school").order_by("pk")[:3])
    centers = [CenterFactory(organization=org, name=f"Ресурсный центр {n}") for n, org in enumerate(schools, 1)]
    for center in centers:
        Association.objects.create(center=center, kind="gmo", name=f"ГМО при центре {center.pk}")
    Association.objects.create(center=centers[0], kind="creative_group", name="Творческая группа")
    output = seed()  # the users step now gives the demo center roles; the plans step makes the plans
    assert "plans: plans: 11" in output
    year = timezone.localdate().year
    current = Plan.objects.filter(period_start__year=year)
    # The demo center: its own plan in a new revision, its associations' submitted and returned.
    demo = current.filter(center=centers[0])
    assert dict(demo.values_list("association__name", "status")) == {
        None: "revising",
        "Творческая группа": "returned",
        f"ГМО при центре {centers[0].pk}": "submitted",
    }
    assert Plan.objects.get(center=centers[0], period_start__year=year + 1).status == "draft"
    assert sorted(current.exclude(center=centers[0]).values_list("status", flat=True)) == sorted(
        ["agreed", "submitted", "returned", "revising"]
    )
    previous = Plan.objects.filter(period_start__year=year - 1)
    assert sorted(previous.values_list("center", "status")) == [(c.pk, "agreed") for c in centers]
    own = demo.get(association=None)
    first = own.revisions.get()
    assert (first.submitted_by.username, first.decided_by.username, first.verdict) == (
        "center_head",
        "coordinator",
        "agreed",
    )
    assert own.items.count() == 8 and own.methodological_theme
    submitted = demo.get(status="submitted")
    assert list(submitted.revisions.order_by("number").values_list("verdict", flat=True)) == ["returned", "pending"]
    returned = demo.get(status="returned").revisions.get()
    assert len(returned.item_comments) == 2 and returned.comment
    executions = set(PlanItem.objects.filter(plan__period_start__year=year - 1).values_list("execution", flat=True))
    assert "done" in executions and executions & {"rescheduled", "cancelled"}
    for item in PlanItem.objects.filter(plan__status="draft"):
        assert item.execution == "planned"
        assert item.plan.period_start <= item.date <= item.plan.period_end
    before = plan_state()
    seed()
    assert plan_state() == before
