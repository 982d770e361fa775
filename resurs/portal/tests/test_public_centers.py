"""The public catalog of centers (000 § 3.8; 001 § 6.1): no login, active centers only, names and functions only."""

import pytest
from django.urls import reverse

from resurs.centers import services
from resurs.centers.models import StaffAssignment
from resurs.centers.tests.factories import CenterFactory
from resurs.centers.tests.pages_world import build, days
from resurs.common.testing import count_queries
from resurs.common.tests.matrix import db_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    w = build(world)
    services.terminate_center(actor=w.department, center=w.other_center, reason="completed")
    w.teacher_staff = services.assign_staff(
        actor=w.department, center=w.center, role="methodist", teacher=w.teacher, starts_on=days(-10)
    )
    return w


def detail_url(center):
    return reverse("portal:center-detail", args=[center.pk])


def test_catalog_lists_active_centers_without_login(client, w):
    before = db_state()
    response = client.get(reverse("portal:center-list"))
    assert response.status_code == 200
    expected = sorted([w.center, w.far_center], key=lambda c: (c.organization.municipality.name, c.name))
    assert list(response.context["centers"]) == expected
    content = response.content.decode()
    assert f'href="{detail_url(w.center)}"' in content
    assert f'href="{detail_url(w.far_center)}"' in content
    assert f'href="{detail_url(w.other_center)}"' not in content  # terminated
    assert w.other_center.name not in content
    assert db_state() == before


def test_catalog_filters(client, w):
    url = reverse("portal:center-list")
    names = lambda query: [c.name for c in client.get(url + query).context["centers"]]  # noqa: E731
    assert names(f"?municipality={w.other_mun.pk}") == ["Ресурсный центр «Инженерная школа»"]
    assert names(f"?direction={w.direction.pk}") == ["Ресурсный центр «Цифровая школа»"]
    assert names("?q=Инженерная") == ["Ресурсный центр «Инженерная школа»"]
    assert names(f"?municipality={w.mun.pk}&q=Инженерная") == []
    # Only municipalities with an active center are offered.
    assert list(client.get(url).context["municipalities"]) == sorted([w.mun, w.other_mun], key=lambda m: m.name)


def test_center_page_shows_public_facts_and_current_staff_only(client, w):
    response = client.get(detail_url(w.center))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Ресурсный центр «Цифровая школа»",
        "Ресурсный центр на базе общеобразовательной организации",
        "МБОУ «Средняя общеобразовательная школа № 7», ул. Ленина, 1",
        "Цифровая образовательная среда",
        "rc7@school.example",
        "+7 (3463) 22-33-44",
        "<strong>Петрова Анна Сергеевна</strong> — methodist",
        "<strong>Смирнова Ольга Игоревна</strong> — methodist",
    ):
        assert text in content, text
    assert [s.full_name for s in response.context["center"].current_staff] == [
        "Петрова Анна Сергеевна",
        "Смирнова Ольга Игоревна",
    ]
    # Past staff and personal data of the people are not shown.
    for hidden in (
        "Орлова Вера Ивановна",
        "smirnova.private@mail.example",
        "+7 900 111-22-33",
        "12.04.1985",
        "Высшая",
    ):
        assert hidden not in content, hidden
    # No navigation of the logged-in pages.
    for private in ('href="/centers/', "/accounts/logout/", "/jobs/"):
        assert private not in content, private
    assert "/static/vendor/bootstrap.min.css" in content


def test_ended_appointment_leaves_the_public_page(client, w):
    services.end_staff(actor=w.department, staff=w.teacher_staff, ends_on=days(-1))
    content = client.get(detail_url(w.center)).content.decode()
    assert "Смирнова Ольга Игоревна" not in content
    assert StaffAssignment.objects.filter(center=w.center, teacher=w.teacher).count() == 1


def test_terminated_or_unknown_center_is_not_found(client, w):
    assert client.get(detail_url(w.other_center)).status_code == 404
    assert client.get(reverse("portal:center-detail", args=[999999])).status_code == 404
    assert client.get(detail_url(w.center)).status_code == 200
    services.terminate_center(actor=w.department, center=w.center, reason="improper")
    assert client.get(detail_url(w.center)).status_code == 404


def test_logged_in_users_see_the_same_public_page(client, w):
    client.force_login(w.department)
    assert client.get(detail_url(w.other_center)).status_code == 404
    content = client.get(detail_url(w.center)).content.decode()
    assert "/accounts/logout/" not in content


def test_catalog_query_count_does_not_grow(client, w):
    url = reverse("portal:center-list")
    client.get(url)
    with count_queries() as few:
        client.get(url)
    for i in range(20):
        center = CenterFactory(organization=w.org2, name=f"Центр {i:02d}")
        center.directions.set([w.direction])
    with count_queries() as many:
        response = client.get(url)
    assert len(response.context["centers"]) == 22
    assert many.count == few.count
    with count_queries() as one:
        client.get(detail_url(w.center))
    with count_queries() as other:
        client.get(detail_url(w.far_center))
    assert one.count == other.count
