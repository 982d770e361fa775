"""People error codes not covered elsewhere: a login for a teacher who has one, a login without a name."""

import pytest

from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.people import services

pytestmark = pytest.mark.django_db


def test_login_refusals(world):
    world.teacher.email = "t@school.example"
    world.teacher.save()
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.create_login(actor=world.department, teacher=world.teacher, username="again")
    assert exc.value.code == "login_exists"  # the world's teacher has the `teacher` account
    world.teacher.user = None
    world.teacher.save()
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.create_login(actor=world.department, teacher=world.teacher, username="  ")
    assert (exc.value.code, exc.value.field) == ("username_required", "username")
    assert db_state() == before
