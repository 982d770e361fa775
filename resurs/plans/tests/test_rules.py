"""The plan rules live in the services and the model (issue 7): the service, the page and the API refuse alike,
with the same code, and nothing changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.accounts.testing import grant_role, make_user
from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.plans import services
from resurs.plans.models import PlanDeadline
from resurs.plans.tests.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_world(world)


def item_body(w, **changes):
    w.plan.refresh_from_db()
    return {
        "section": w.section.pk,
        "form": w.form.pk,
        "topic": "Семинар",
        "date": f"{w.plan.period_start.year}-06-15",
        "responsible": "Иванова М. П.",
        **changes,
    }


@pytest.mark.parametrize("code", ["venue_municipality", "venue_and_online"])
def test_item_venue_refused_alike_by_service_page_and_api(w, code):
    venue, online = (w.other_org, False) if code == "venue_municipality" else (w.org, True)
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.save_item(
            actor=w.head,
            plan=w.plan,
            version=w.plan.version,
            section=w.section,
            form=w.form,
            topic="Семинар",
            date=datetime.date(w.plan.period_start.year, 6, 15),
            venue=venue,
            is_online=online,
            responsible="Иванова М. П.",
        )
    assert (exc.value.code, exc.value.field) == (code, "venue")
    assert db_state() == before

    body = item_body(w, venue=venue.pk, **({"is_online": "on"} if online else {}))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.head)
    before = db_state()
    response = client.post(reverse("plans:item-create", args=[w.plan.pk]), {**body, "version": w.plan.version})
    assert response.status_code == 200
    # Another municipality's organization is no choice on the page nor in the API (like an id that does not exist).
    page_code = "invalid_choice" if code == "venue_municipality" else code
    assert {f: [e.code for e in errors] for f, errors in response.context["form"].errors.as_data().items()} == {
        "venue": [page_code]
    }
    assert db_state() == before

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(w.head)
    before = db_state()
    body = {**body, "is_online": online, "plan": w.plan.pk, "plan_version": w.plan.version}
    response = api.post(reverse("api:plans-item-list"), body, format="json")
    assert response.status_code == 400
    if code == "venue_municipality":
        assert response.json() == {"venue": [f'Invalid pk "{venue.pk}" - object does not exist.']}
    else:
        assert (response.json()["code"], response.json()["field"]) == (code, "venue")
    assert db_state() == before


def test_association_of_another_center_refused_alike_by_service_page_and_api(w):
    """A user who may plan for both centers still cannot file one center's plan under another's association."""
    both = make_user("both_heads", "center_head", "center", w.center)
    grant_role(both, "center_head", "center", w.sibling_center)
    other = w.sibling_center.associations.create(kind="gmo", name="ГМО физиков")
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.create_plan(actor=both, center=w.center, association=other, year=w.year)
    assert exc.value.code == "association_center"
    assert db_state() == before

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(both)
    before = db_state()
    response = client.post(
        reverse("plans:plan-create"), {"center": w.center.pk, "association": other.pk, "year": w.year, "start": "empty"}
    )
    assert response.status_code == 200
    assert [e.code for errors in response.context["form"].errors.as_data().values() for e in errors] == [
        "association_center"
    ]
    assert db_state() == before

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(both)
    before = db_state()
    response = api.post(
        reverse("api:plans-plan-list"), {"center": w.center.pk, "association": other.pk, "year": w.year}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "association_center")
    assert db_state() == before


def test_deadline_within_a_year_is_the_model_rule(w):
    deadline = PlanDeadline(
        municipality=w.mun, period_start=datetime.date(w.year + 2, 1, 1), deadline=datetime.date(w.year + 3, 1, 2)
    )
    with pytest.raises(ValidationError) as exc:
        deadline.full_clean()
    assert [e.code for e in exc.value.error_dict["deadline"]] == ["deadline_range"]
    deadline.deadline = datetime.date(w.year + 3, 1, 1)  # a year after the start: still allowed
    deadline.full_clean()
