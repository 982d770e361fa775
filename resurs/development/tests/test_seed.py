"""Demo teacher development of `manage.py seed --scale demo`: the diagnostic with deficits, the demo teacher's route
in progress tutored by the demo methodist with proposals to accept, courses, mentoring — and a second run changes
nothing."""

import io

import pytest
from django.core.management import call_command

from resurs.accounts.models import User
from resurs.common.tests.matrix import db_state
from resurs.development.models import Course, DiagnosticProcedure, DiagnosticResult, MentoringPair, Route
from resurs.development.seed_steps import TITLE

pytestmark = pytest.mark.django_db


def seed(scale="demo"):
    call_command("seed", scale=scale, stdout=io.StringIO())


def test_demo_development_and_idempotent(client):
    seed()
    procedure = DiagnosticProcedure.objects.get(title=TITLE)
    assert DiagnosticResult.objects.filter(procedure=procedure, is_deficit=True).exists()
    route = Route.objects.get(teacher__user__username="teacher")
    assert (route.status, route.tutor.username, route.center_id) == ("in_progress", "methodist", procedure.center_id)
    assert route.steps.count() >= 2
    assert Course.objects.exists() and MentoringPair.objects.exists()
    before = db_state()
    seed()
    assert db_state() == before
    client.force_login(User.objects.get(username="teacher"))
    page = client.get(f"/development/routes/{route.pk}/")
    assert page.status_code == 200
    assert client.get("/development/").status_code == 200


def test_the_step_on_a_center_of_the_world(world):
    """The step alone, on the world's center (independent of the other apps' demo steps)."""
    from resurs.accounts.testing import make_user
    from resurs.development.seed_steps import development
    from resurs.people.seed import SeedContext

    from .factories import build_world, event

    w = build_world(world)
    make_user("methodist", "methodist", "center", w.center)
    make_user("root", is_superuser=True)
    upcoming = event(w.center, [], days=20, title="Семинар: трудные задания ЕГЭ")
    ctx = SeedContext(scale_name="demo", seed=1, region=w.region, scopes={"center": w.center})
    development(ctx)
    procedure = DiagnosticProcedure.objects.get(title=TITLE)
    assert set(upcoming.competences.values_list("code", flat=True)) == {"П2", "М3"}
    route = Route.objects.get(teacher=w.teacher, center=w.center)
    assert (route.status, route.tutor.username) == ("in_progress", "methodist")
    # Two steps by hand and the proposed ЕГЭ seminar (the teacher's П2 deficit).
    assert sorted(route.steps.values_list("kind", flat=True)) == ["event", "open_lesson", "self_education"]
    assert route.steps.get(kind="event").event == upcoming
    assert DiagnosticResult.objects.filter(procedure=procedure, teacher=w.teacher, is_deficit=True).count() == 2
    assert ctx.created["development"]["routes"] == 1
    before = db_state()
    development(ctx)
    assert db_state() == before
