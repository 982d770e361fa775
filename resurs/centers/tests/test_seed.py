"""`manage.py seed --scale demo` with the centers step: the designed numbers, every stage of the lifecycle, the demo
logins' roles through their staff appointments, idempotence, and the pages the demo logins open."""

import datetime
import io

import docx
import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from resurs.accounts.models import RoleAssignment, User
from resurs.centers.models import (
    Agreement,
    Application,
    Association,
    Center,
    CenterDocument,
    Order,
    Review,
    StaffAssignment,
)
from resurs.centers.seed import FIRST_CENTER
from resurs.common.tests.matrix import db_state

from .api_world import media_files


def seed(scale="demo"):
    out = io.StringIO()
    call_command("seed", scale=scale, stdout=out)
    return out.getvalue()


def logins_table(output):
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("login"))
    return {line.split()[0]: line for line in lines[header + 2 :]}


def test_demo_centers_as_designed_and_a_second_run_changes_nothing(db):
    output = seed()
    today = timezone.localdate()

    assert dict(Application.objects.values_list("status").annotate(n=Count("id"))) == {
        "draft": 1,
        "under_review": 1,
        "approved": 6,
        "rejected": 1,
    }
    assert dict(Center.objects.values_list("status").annotate(n=Count("id"))) == {"active": 5, "terminated": 1}
    assert sorted(Center.objects.values_list("kind__code", flat=True)) == [
        "municipal_rimc",
        "school_rc",
        "school_rc",
        "support_center",
        "territorial_rc",
        "territorial_rc",
    ]
    assert sorted(Center.objects.values_list("organization__municipality__name", flat=True)) == sorted(
        ["Нефтеюганск"] * 2 + ["Сургут"] * 2 + ["Нефтеюганский район"] * 2
    )
    assert all(kind == "school" for kind in Center.objects.values_list("organization__kind", flat=True))
    # One term ends within 60 days; every active term is still running; the terminated one has its order.
    ending = Center.objects.filter(status="active", term_end__lte=today + datetime.timedelta(days=60))
    assert list(ending.values_list("term_end", flat=True)) == [today + datetime.timedelta(days=45)]
    assert not Center.objects.filter(status="active", term_end__lt=today).exists()
    ended = Center.objects.get(status="terminated")
    assert (ended.termination_reason, ended.terminated_on) == ("completed", today - datetime.timedelta(days=20))
    assert Order.objects.filter(center=ended, kind="termination").count() == 1
    # Every approval has its reviews and its creation order with the generated DOCX.
    assert dict(Order.objects.values_list("kind").annotate(n=Count("id"))) == {
        "creation": 6,
        "coordinator": 1,
        "responsible": 6,
        "group": 3,
        "termination": 1,
    }
    assert not Order.objects.filter(document__isnull=True).exists()
    creation = Order.objects.get(center__name=FIRST_CENTER, kind="creation")
    with creation.document.file.open("rb") as handle:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)
    assert "О присвоении статуса ресурсного центра" in text
    assert Review.objects.count() == 15
    pending = Application.objects.get(status="under_review")
    assert list(pending.reviews.values_list("expert__username", flat=True)) == ["expert-86-01-2"]
    assert pending.organization.municipality.name == "Нефтеюганск"
    assert Application.objects.get(status="draft").organization.short_name == "МАОУ «СОШ № 1»"
    assert Application.objects.get(status="rejected").decision_reason.startswith("Экспертный совет не рекомендовал")

    # The first center: the demo logins hold their roles through their appointments.
    center = Center.objects.get(name=FIRST_CENTER)
    current = StaffAssignment.objects.filter(center=center, ends_on__isnull=True)
    held = {s.user.username: s.role for s in current.exclude(user=None).select_related("user")}
    assert held == {
        "center_head": "head",
        "coordinator": "coordinator",
        "methodist": "methodist",
        "center_organizer": "organizer",
        "center_reporter": "reporter",
    }
    for staff in current.exclude(user=None):
        grant = RoleAssignment.objects.get(pk=staff.role_assignment_id)
        assert (grant.user_id, grant.scope_kind, grant.scope_id) == (staff.user_id, "center", center.pk)
    assert RoleAssignment.objects.filter(user__username="center_head").count() == 1
    # The director handed the head's function over; methodists from the registry, one despite the warning.
    assert current.filter(role="methodist").count() == 3
    overridden = StaffAssignment.objects.exclude(override_reason="")
    assert list(overridden.values_list("center__name", "role")) == [(FIRST_CENTER, "methodist")]
    assert StaffAssignment.objects.filter(center=center, role="head", ends_on__isnull=False).count() == 1
    assert StaffAssignment.objects.filter(role="external").exclude(contract="").count() == 1
    groups = {a.name: (a.kind, a.members.count(), a.order.kind) for a in Association.objects.filter(center=center)}
    assert groups == {
        "Творческая группа «Цифровой урок»": ("creative_group", 5, "group"),
        # Seven by the center's order, and the demo teacher added by the development step.
        "ГМО учителей математики": ("gmo", 8, "group"),
    }
    assert sorted(Agreement.objects.filter(center=center).values_list("party_kind", flat=True)) == [
        "authority",
        "base_organization",
        "social_partner",
    ]
    assert Agreement.objects.count() == 6
    documents = CenterDocument.objects.filter(center=center).order_by("requirement")
    assert list(documents.values_list("requirement", flat=True)) == ["plan", "regulation"]
    with documents.get(requirement="regulation").file.open("rb") as handle:
        heading = docx.Document(io.BytesIO(handle.read())).paragraphs[0].text
    assert heading == "Положение о ресурсном центре"
    assert CenterDocument.objects.count() == 5

    # The demo logins table shows the center roles' scope.
    table = logins_table(output)
    for login in ("center_head", "coordinator", "methodist", "center_organizer", "center_reporter"):
        assert table[login].endswith(FIRST_CENTER), table[login]
    assert "centers: users: 23, applications: 9, reviews: 15, centers: 6, orders: 17" in output

    before = {"rows": db_state(), "files": media_files()}
    again = seed()
    assert {"rows": db_state(), "files": media_files()} == before
    assert "Already seeded: nothing to add." in again
    assert logins_table(again)["center_head"].endswith(FIRST_CENTER)


def test_tiny_scale_has_no_centers(db):
    seed("tiny")
    assert not Center.objects.exists()
    assert not Application.objects.exists()


def login(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": "demo"})
    assert response.status_code == 302, username


@pytest.fixture
def demo(db):
    seed()
    center = Center.objects.get(name=FIRST_CENTER)
    return {
        "center": center,
        "pending": Application.objects.get(status="under_review"),
        "draft": Application.objects.get(status="draft"),
    }


def test_demo_logins_open_their_center_and_application_pages(client, demo):
    center = demo["center"]
    for username in ("center_head", "coordinator", "methodist"):
        login(client, username)
        for page in ("", "staff/", "associations/", "agreements/", "documents/"):
            response = client.get(f"/centers/{center.pk}/{page}")
            assert response.status_code == 200, (username, page)
        registry = client.get("/centers/")
        assert registry.status_code == 200
        assert registry.context["table"].paginator.count == 1
        client.logout()

    login(client, "expert")
    listing = client.get("/centers/applications/")
    assert listing.status_code == 200
    assert [a.pk for a in listing.context["table"].data] == [demo["pending"].pk]
    assert client.get(f"/centers/applications/{demo['pending'].pk}/").status_code == 200
    review = client.get(f"/centers/applications/{demo['pending'].pk}/review/")
    assert review.status_code == 200
    assert client.get(f"/centers/applications/{demo['draft'].pk}/").status_code == 404
    client.logout()

    login(client, "org_admin")
    assert client.get(f"/centers/applications/{demo['draft'].pk}/").status_code == 200
    assert client.get(f"/centers/applications/{demo['draft'].pk}/edit/").status_code == 200
    client.logout()

    login(client, "department")
    assert client.get(f"/centers/applications/{demo['pending'].pk}/decide/").status_code == 200
    assert client.get(f"/centers/{center.pk}/terminate/").status_code == 200


def test_demo_head_sees_the_staff_and_the_methodist_reads_without_writing(client, demo):
    center = demo["center"]
    login(client, "center_head")
    page = client.get(f"/centers/{center.pk}/staff/").content.decode()
    head = User.objects.get(username="center_head")
    assert head.full_name in page
    assert f"/centers/{center.pk}/staff/new/" in page
    client.logout()
    login(client, "methodist")
    page = client.get(f"/centers/{center.pk}/staff/").content.decode()
    assert f"/centers/{center.pk}/staff/new/" not in page
