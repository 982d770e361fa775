"""The public entry of the consultation request form: no login needed, active centers only, each with a button to the
request form (through the login page for a visitor, the center chosen); its queries do not grow with the centers."""

import pytest
from django.test import Client
from django.urls import reverse

from resurs.centers.tests.factories import CenterFactory
from resurs.common.testing import count_queries
from resurs.consultations.tests.factories import build_consultations_world
from resurs.territory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
URL = "/public/consultations/"


@pytest.fixture
def w(world):
    return build_consultations_world(world)


def test_anonymous_sees_the_active_centers_and_the_way_to_ask(w, client):
    w.sibling_center.status = "terminated"
    w.sibling_center.save()
    w.center.directions.add(w.direction)
    assert reverse("portal:consultation-request") == URL
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert f'data-center="{w.center.pk}"' in text and f'data-center="{w.far_center.pk}"' in text
    assert f'data-center="{w.sibling_center.pk}"' not in text
    ask = f"{reverse('consultations:consultation-create')}?center={w.center.pk}"
    assert f'href="{ask}"' in text
    assert "Цифровая образовательная среда" in text
    response = client.get(ask)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(w.teacher_user)
    form = client.get(ask).context["form"]
    assert form["center"].value() == str(w.center.pk)


def test_queries_do_not_grow(w):
    client = Client()

    def measured():
        with count_queries() as counted:
            assert client.get(URL).status_code == 200
        return counted.count

    measured()
    few = measured()
    for _ in range(6):
        center = CenterFactory(organization=OrganizationFactory(municipality=w.mun))
        center.directions.add(w.direction)
    assert measured() == few
