"""Demo events of the `seed` command: nothing without centers; with centers, a year of events per center — held
ones with registrations fulfilling plan items, open ones, one full with a waitlist — and a second run changes
nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from resurs.centers.tests.factories import CenterFactory
from resurs.events.models import Event, Registration
from resurs.events.seed_steps import YEAR
from resurs.plans.models import PlanItem
from resurs.territory.models import Organization, Region

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed", scale="tiny", seed=1, stdout=out)
    return out.getvalue()


def test_without_centers_nothing():
    seed()
    assert Event.objects.count() == 0


def test_a_year_of_events_with_registrations_and_idempotent():
    seed()
    region = Region.objects.get(code="T1")
    schools = list(Organization.objects.filter(municipality__region=region, kind="school").order_by("pk")[:2])
    centers = [CenterFactory(organization=org, name=f"Ресурсный центр {n}") for n, org in enumerate(schools, 1)]
    seed()
    assert Event.objects.filter(center=centers[0]).exclude(status="draft").count() == len(YEAR)
    now = timezone.now()
    events = Event.objects.filter(center__in=centers)
    assert not events.filter(starts_at__lt=now).exclude(status="held").exists()
    assert {"open", "published"} <= set(events.filter(starts_at__gt=now).values_list("status", flat=True))
    for event in events.exclude(capacity=None):
        assert event.registrations.filter(status="confirmed").count() <= event.capacity
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(teacher__user__username="teacher").exists()
    held_items = PlanItem.objects.filter(plan__center__in=centers, execution="done").exclude(events=[])
    assert held_items.exists()
    state = sorted(Registration.objects.values_list("pk", "status"))
    seed()
    assert sorted(Registration.objects.values_list("pk", "status")) == state


def test_held_events_get_attendance_feedback_and_certificates():
    from resurs.events.models import Certificate, Feedback

    seed()
    region = Region.objects.get(code="T1")
    school = Organization.objects.filter(municipality__region=region, kind="school").order_by("pk").first()
    center = CenterFactory(organization=school, name="Ресурсный центр 1")
    seed()
    held = Event.objects.filter(center=center, status="held")
    assert held.exists()
    confirmed = Registration.objects.filter(event__in=held, status="confirmed")
    assert not confirmed.filter(attendance="").exists()
    present = confirmed.filter(attendance="present")
    assert present.count() > confirmed.count() // 2
    assert Feedback.objects.filter(registration__event__in=held).exists()
    assert not Feedback.objects.exclude(registration__attendance="present").exists()
    certificates = Certificate.objects.filter(event__in=held)
    assert certificates.filter(role="participant").count() == present.count()
    assert certificates.filter(role="speaker").count() == held.count()
    state = sorted(Certificate.objects.values_list("number", flat=True))
    seed()
    assert sorted(Certificate.objects.values_list("number", flat=True)) == state
