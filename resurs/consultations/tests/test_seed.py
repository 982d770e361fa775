"""Demo consultations of the `seed` command: nothing without centers; with the demo center, requests in every status
(several the demo teacher's, one closed and not yet rated for them to rate), closed and rated ones for the other
centers; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from resurs.centers.models import StaffAssignment
from resurs.centers.tests.factories import CenterFactory
from resurs.consultations import selectors
from resurs.consultations.models import Consultation
from resurs.people.models import Teacher
from resurs.territory.models import Organization, Region

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed", scale="tiny", seed=1, stdout=out)
    return out.getvalue()


def test_without_centers_nothing():
    seed()
    assert Consultation.objects.count() == 0


def test_every_status_for_the_demo_center_and_idempotent():
    seed()
    region = Region.objects.get(code="T1")
    schools = list(Organization.objects.filter(municipality__region=region, kind="school").order_by("pk")[:2])
    centers = [CenterFactory(organization=org, name=f"Ресурсный центр {n}") for n, org in enumerate(schools, 1)]
    methodist = Teacher.objects.filter(organization=schools[0], user__isnull=True).first()
    from resurs.accounts.testing import make_user

    user = make_user("demo_methodist", "methodist", "center", centers[0], last_name="Петрова")
    StaffAssignment.objects.create(
        center=centers[0], role="methodist", user=user, teacher=methodist, full_name="Петрова", starts_on="2026-01-01"
    )
    seed()
    demo = Consultation.objects.filter(center=centers[0])
    assert set(demo.values_list("status", flat=True)) == set(Consultation.Status.values)
    assert demo.filter(teacher__user__username="teacher").count() >= 5
    assert demo.filter(teacher__user__username="teacher", status="closed", rating=None).exists()
    assert not demo.exclude(status__in=["new", "cancelled", "rejected"]).filter(methodist=None).exists()
    assert Consultation.objects.filter(center=centers[1], status="closed").count() == 3
    counts = selectors.consultation_counts(centers, "2000-01-01", "2100-12-31")
    assert counts["total"] == demo.count() + 3
    assert counts["by_kind"].keys() == {"individual", "group", "remote"}
    state = sorted(Consultation.objects.values_list("pk", "status", "version"))
    seed()
    assert sorted(Consultation.objects.values_list("pk", "status", "version")) == state
