"""A teacher's optional login (SPEC §3): created from the teacher's page, scoped to their own data."""

import pytest
from django.core import mail
from django.urls import reverse

from resurs.accounts.models import User
from resurs.common.scoping import restrict
from resurs.people.models import Teacher

pytestmark = pytest.mark.django_db


def test_org_admin_creates_a_login_and_the_teacher_sees_only_their_record(
    client, world, django_capture_on_commit_callbacks
):
    teacher = world.teacher
    teacher.user = None
    teacher.email = "ivanova@school.ru"
    teacher.save()
    client.force_login(world.org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:teacher-login", args=[teacher.pk]), {"username": "ivanova"})
    assert response.status_code == 302
    user = User.objects.get(username="ivanova")
    assert Teacher.objects.get(pk=teacher.pk).user == user
    assert not user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["ivanova@school.ru"]]
    assert list(restrict(Teacher.objects.all(), user, "people.teacher:view")) == [teacher]
    # The department now finds the login among its users (through the teacher record).
    assert restrict(User.objects.all(), world.department, "accounts.user:view").filter(pk=user.pk).exists()
    assert not restrict(User.objects.all(), world.other_department, "accounts.user:view").filter(pk=user.pk).exists()


def test_refusals_change_nothing(client, world):
    teacher = world.other_teacher
    teacher.email = "x@school.ru"
    teacher.save()
    before = User.objects.count()
    client.force_login(world.org_admin)  # another organization's teacher
    assert client.post(reverse("people:teacher-login", args=[teacher.pk]), {"username": "x"}).status_code == 404
    client.force_login(world.regional)  # sees, may not change
    assert client.post(reverse("people:teacher-login", args=[teacher.pk]), {"username": "x"}).status_code == 403
    client.force_login(world.other_org_admin)
    teacher.email = ""
    teacher.save()
    response = client.post(reverse("people:teacher-login", args=[teacher.pk]), {"username": "x"}, follow=True)
    assert response.status_code == 200
    assert User.objects.count() == before
    assert Teacher.objects.get(pk=teacher.pk).user is None
