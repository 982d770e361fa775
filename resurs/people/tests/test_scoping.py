"""restrict() turns role assignments into a filter that fails closed."""

from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.people.models import Teacher
from resurs.territory.models import Organization


def test_department_reaches_its_municipality_only(world):
    qs = restrict(Teacher.objects.all(), world.department, "people.teacher:view")
    assert list(qs) == [world.teacher]


def test_regional_reaches_the_region(world):
    qs = restrict(Teacher.objects.order_by("pk"), world.regional, "people.teacher:view")
    assert list(qs) == [world.teacher, world.other_teacher]


def test_no_role_reaches_nothing(world):
    assert not has_code(world.no_role, "people.teacher:view")
    assert restrict(Teacher.objects.all(), world.no_role, "people.teacher:view").count() == 0


def test_teacher_reaches_own_record_only(world):
    assert list(restrict(Teacher.objects.all(), world.teacher_user, "people.teacher:view")) == [world.teacher]
    assert restrict(Organization.objects.all(), world.teacher_user, "territory.organization:view").count() == 0


def test_code_not_held_reaches_nothing_even_in_scope(world):
    assert restrict(Teacher.objects.all(), world.regional, "people.teacher:change").count() == 0


def test_instance_in_scope_for_unsaved_object(world):
    new = Teacher(organization=world.other_org, position=world.teacher.position, surname="X", name="Y")
    assert not instance_in_scope(world.department, new, "people.teacher:add")
    new.organization = world.org2
    assert instance_in_scope(world.department, new, "people.teacher:add")


def test_ended_assignment_grants_nothing(world):
    import datetime

    assignment = world.department.assignments.get()
    assignment.ends_on = datetime.date(2000, 1, 1)
    assignment.save()
    world.department._resurs_grants = None
    assert restrict(Teacher.objects.all(), world.department, "people.teacher:view").count() == 0
