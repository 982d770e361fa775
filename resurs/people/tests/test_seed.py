"""`manage.py seed`: realistic data, idempotent, deterministic for a seed; demo users log in and reach their pages."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max

from resurs.accounts.models import RoleAssignment, User
from resurs.catalogs.models import QualificationCategory, Subject
from resurs.people.models import Consent, Employment, Teacher
from resurs.people.seed import SCALES, seed_step, steps
from resurs.people.seed_steps import allocate
from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region

MODELS = (
    Region,
    Municipality,
    EducationalDistrict,
    Organization,
    Teacher,
    Teacher.subjects.through,
    Consent,
    Employment,
    User,
    RoleAssignment,
    Subject,
    QualificationCategory,
)


def seed(scale="tiny", number=1):
    out = io.StringIO()
    call_command("seed", scale=scale, seed=number, stdout=out)
    return out.getvalue()


def state():
    """Row counts of everything the seed writes, and the latest change of the records it could touch."""
    return {
        "counts": {m._meta.label: m.objects.count() for m in MODELS},
        "teachers changed": Teacher.objects.aggregate(Max("updated_at"))["updated_at__max"],
        "organizations changed": Organization.objects.aggregate(Max("updated_at"))["updated_at__max"],
        "users": sorted(User.objects.values_list("username", "password", "last_name", "is_superuser")),
    }


def first_names(count=20):
    return [t.full_name for t in Teacher.objects.order_by("pk")[:count]]


def test_tiny_scale_creates_the_documented_numbers(db):
    seed()
    region = Region.objects.get(code="T1")
    assert region.municipalities.count() == SCALES["tiny"].municipalities == 2
    assert Organization.objects.filter(municipality__region=region).count() == 8
    assert Teacher.objects.filter(organization__municipality__region=region).count() == 80
    # every organization has a head whose name is on the organization, and staff
    for org in Organization.objects.filter(municipality__region=region):
        head = org.teachers.order_by("pk").first()
        assert head.position.name in ("Директор", "Заведующий")
        assert org.director == head.full_name
    # the young-specialist flag follows the experience (first three years), categories carry their dates
    assert not Teacher.objects.filter(is_young_specialist=True, experience_total__gte=3).exists()
    assert not Teacher.objects.filter(is_young_specialist=False, experience_total__lt=3).exists()
    assert not Teacher.objects.filter(category__name="Высшая", category_expires_on__isnull=True).exists()
    for t in Teacher.objects.filter(category__validity_years=5):
        assert (t.category_expires_on.year - t.category_assigned_on.year) == 5
    assert Teacher.objects.filter(category__name="Без категории", category_assigned_on__isnull=False).count() == 0


def test_demo_scale_numbers_and_shares(db):
    output = seed("demo")
    region = Region.objects.get(code="86")
    assert region.name == "Ханты-Мансийский автономный округ — Югра"
    assert region.timezone == "Asia/Yekaterinburg"
    assert list(region.municipalities.order_by("code").values_list("name", flat=True)) == [
        "Нефтеюганск",
        "Сургут",
        "Нефтеюганский район",
    ]
    # Every education authority has a head who signs its orders (a full Russian name).
    heads = list(region.municipalities.values_list("department_head", "department_head_position"))
    assert all(len(name.split()) == 3 and position == "Начальник управления образования" for name, position in heads)
    assert Organization.objects.count() == 40
    teachers = Teacher.objects.filter(organization__municipality__region=region)
    assert teachers.count() == 1200
    assert 96 <= teachers.filter(is_young_specialist=True).count() <= 144  # ~10 %
    assert 36 <= teachers.filter(is_innovator=True).count() <= 84  # ~5 %
    assert Consent.objects.filter(withdrawn_on__isnull=True).count() >= 1020  # most gave consent
    assert 12 <= Employment.objects.count() <= 90  # some part-time jobs
    assert EducationalDistrict.objects.filter(base_organization__is_base=True).count() == 4
    assert Organization.objects.filter(short_name="МБДОУ «Детский сад № 1 „Аленький цветочек“»").exists()
    assert "teachers: teachers: 1200" in output


def test_second_run_changes_nothing(db):
    seed()
    before = state()

    output = seed()

    assert state() == before
    assert "Already seeded: nothing to add." in output


def test_same_seed_same_people_other_seed_other_people(db):
    def names_of(number):
        with transaction.atomic():
            seed(number=number)
            names = first_names()
            transaction.set_rollback(True)
        assert Teacher.objects.count() == 0  # each run starts from an empty registry
        return names

    first = names_of(7)
    assert len(first) == 20
    assert names_of(7) == first
    assert names_of(8) != first


def test_demo_logins_table(db):
    output = seed()
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("login"))
    table = {line.split()[0]: line for line in lines[header + 2 :]}
    assert set(table) == {
        "admin",
        "regional",
        "department",
        "coordinator",
        "expert",
        "center_head",
        "center_organizer",
        "center_reporter",
        "methodist",
        "org_admin",
        "teacher",
    }
    assert table["regional"].split()[1] == "demo"
    assert "Учебная область" in table["regional"]
    assert "Нефтеюганск" in table["department"]
    # no center exists in the seeded region: the center roles are created without an assignment
    assert "none:" in table["coordinator"]
    assert not RoleAssignment.objects.filter(user__username__in=["coordinator", "center_head", "methodist"]).exists()


def test_users_hold_their_roles_on_sensible_scopes(db):
    seed()
    region = Region.objects.get(code="T1")
    first = region.municipalities.order_by("code").first()
    held = {
        a.user.username: (a.role.code, a.scope_kind, a.scope_id)
        for a in RoleAssignment.objects.select_related("user", "role")
    }
    school = Organization.objects.get(pk=held["org_admin"][2])
    teacher_user = User.objects.get(username="teacher")
    assert held == {
        "regional": ("regional", "region", region.pk),
        "department": ("department", "municipality", first.pk),
        "expert": ("expert", "municipality", first.pk),
        "org_admin": ("org_admin", "organization", school.pk),
        "teacher": ("teacher", "self", teacher_user.pk),
    }
    assert school.municipality == first and school.kind == "school"
    assert teacher_user.teacher.organization == school
    assert teacher_user.full_name == teacher_user.teacher.full_name
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert User.objects.filter(is_staff=True).count() == 1


def login(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": "demo"})
    assert response.status_code == 302, username
    return response


@pytest.mark.parametrize(
    ("username", "expected"),
    [("regional", "region"), ("department", "municipality"), ("org_admin", "organization"), ("teacher", "self")],
)
def test_demo_users_log_in_and_see_their_teachers(db, client, username, expected):
    seed()
    region = Region.objects.get(code="T1")
    user = User.objects.get(username=username)
    visible = {
        "region": Teacher.objects.filter(organization__municipality__region=region),
        "municipality": Teacher.objects.filter(organization__municipality=region.municipalities.order_by("code")[0]),
        "organization": Teacher.objects.filter(organization_id=user.assignments.values("scope_id")[:1]),
        "self": Teacher.objects.filter(user=user),
    }[expected]

    login(client, username)
    response = client.get("/people/teachers/")

    assert response.status_code == 200
    assert response.context["table"].paginator.count == visible.count()
    assert visible.count() >= 1
    detail = client.get(f"/people/teachers/{visible.order_by('pk').first().pk}/")
    assert detail.status_code == 200


def test_center_role_users_log_in_but_hold_no_teacher_registry(db, client):
    seed()
    login(client, "methodist")
    assert client.get("/").status_code == 200
    assert client.get("/people/teachers/").status_code == 403


def test_wrong_password_is_refused(db, client):
    seed()
    response = client.post("/accounts/login/", {"username": "department", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_admin_reaches_the_django_admin_teacher_changelist(db, client):
    seed()
    login(client, "admin")
    response = client.get("/django-admin/people/teacher/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 80
    client.logout()
    login(client, "department")
    assert client.get("/django-admin/people/teacher/").status_code == 302  # not staff: back to the admin login


def test_an_upper_app_can_add_a_step(db):
    calls = []

    @seed_step(500, name="test-extra")
    def extra(ctx):
        calls.append((ctx.scale_name, ctx.region.code, ctx.scopes["municipality"].name))

    try:
        names = [name for name, _ in steps()]
        assert names.index("teachers") < names.index("test-extra") < names.index("users")
        seed()
    finally:
        from resurs.people import seed as seeding

        del seeding._steps["test-extra"]
    assert calls == [("tiny", "T1", "Нефтеюганск")]


def test_allocate_splits_exactly():
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert allocate(40, [1.0, 1.6, 0.7]) == [12, 19, 9]
    assert sum(allocate(50000, [3.0] * 7 + [1.0] * 53)) == 50000


def test_a_deleted_shipped_role_is_reported_not_recreated(db):
    from resurs.accounts.models import Role

    Role.objects.get(code="center_reporter").delete()

    output = seed()

    line = next(line for line in output.splitlines() if line.startswith("center_reporter"))
    assert line.split()[1:3] == ["demo", "center_reporter"]
    assert "none: the role does not exist" in line
    assert not Role.objects.filter(code="center_reporter").exists()
    assert User.objects.filter(username="center_reporter", assignments__isnull=True).exists()
