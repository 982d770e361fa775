"""Event pages: a new event prefilled from a plan item and linked to it, a refused button shown with its code, the
waitlist on the event page in its order, bulk registration with its report."""

import datetime

import pytest
from django.urls import reverse

from resurs.catalogs.models import PlanSection
from resurs.events.models import Event, Registration
from resurs.events.tests.factories import EventFactory, build_events_world, form, in_days
from resurs.people.tests.factories import TeacherFactory
from resurs.plans.models import Plan, PlanItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return build_events_world(world)


def test_event_from_a_plan_item_page(client, w):
    year = in_days(0).year
    plan = Plan.objects.create(
        center=w.center, period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31), status="agreed"
    )
    item = PlanItem.objects.create(
        plan=plan,
        section=PlanSection.objects.first(),
        form=form("Круглый стол"),
        topic="Круглый стол «Школа молодого учителя»",
        date=in_days(30).date(),
        venue=w.org2,
        responsible="Иванова И. И.",
    )
    client.force_login(w.organizer)
    url = reverse("events:event-create") + f"?plan_item={item.pk}"
    response = client.get(url)
    form_ = response.context["form"]
    assert (form_.initial["title"], form_.initial["venue"], form_.initial["form"]) == (item.topic, w.org2, item.form)
    data = {
        "center": w.center.pk,
        "plan_item": item.pk,
        "form": item.form.pk,
        "title": item.topic,
        "starts_at": in_days(30).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": in_days(30, 17).strftime("%Y-%m-%dT%H:%M"),
        "format": "in_person",
        "venue": w.org.pk,
    }
    response = client.post(url, data)
    event = Event.objects.get(title=item.topic)
    assert response["Location"] == event.get_absolute_url()
    assert event.plan_item == item
    # A venue of another municipality is no choice: the form is shown again, nothing stored.
    response = client.post(url, {**data, "title": "Другое", "venue": w.other_org.pk})
    assert "venue" in response.context["form"].errors
    assert not Event.objects.filter(title="Другое").exists()
    sibling = reverse("events:event-create") + f"?plan_item={item.pk}"
    client.force_login(w.sibling_organizer)
    assert client.get(sibling).status_code == 404  # another center's plan item is outside what they see


def test_refused_button_and_waitlist_order(client, w):
    client.force_login(w.organizer)
    response = client.post(reverse("events:event-action", args=[w.event.pk, "hold"]))
    assert (response.status_code, response.context["action_error"].code) == (400, "not_started")
    event = EventFactory(center=w.center, capacity=1)
    people = [TeacherFactory(organization=w.org) for _ in range(3)]
    response = client.post(reverse("events:bulk-register", args=[event.pk]), {"teachers": [t.pk for t in people]})
    assert response.status_code == 302
    page = client.get(event.get_absolute_url())
    assert [r.status for r in page.context["confirmed"]] == ["confirmed"]
    waitlist = page.context["waitlist"]
    assert [r.queued_at for r in waitlist] == sorted(r.queued_at for r in waitlist) and len(waitlist) == 2
    content = page.content.decode()
    assert content.index(f'data-registration="{waitlist[0].pk}"') < content.index(
        f'data-registration="{waitlist[1].pk}"'
    )
    first = page.context["confirmed"][0]
    client.post(reverse("events:registration-cancel", args=[first.pk]))
    assert Registration.objects.get(pk=waitlist[0].pk).status == "confirmed"
