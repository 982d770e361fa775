"""The teacher's experience rule lives in Teacher.clean() (issue 7): page and API refuse alike, with the same code."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.common.tests.matrix import db_state, form_data
from resurs.people.forms import TeacherForm
from resurs.people.models import Teacher

pytestmark = pytest.mark.django_db


def test_specialty_experience_beyond_total_refused_by_model_page_and_api(world):
    teacher = Teacher.objects.get(pk=world.teacher.pk)
    teacher.experience_total, teacher.experience_specialty = 5, 6
    with pytest.raises(ValidationError) as exc:
        teacher.full_clean()
    assert [e.code for e in exc.value.error_dict["experience_specialty"]] == ["experience"]
    teacher.refresh_from_db()

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.department)
    before = db_state()
    data = form_data(TeacherForm, teacher, user=world.department, experience_total=5, experience_specialty=6)
    response = client.post(reverse("people:teacher-update", args=[teacher.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert {f: [e.code for e in errs] for f, errs in errors.items()} == {"experience_specialty": ["experience"]}
    assert db_state() == before

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(world.department)
    before = db_state()
    response = api.patch(
        reverse("api:teacher-detail", args=[teacher.pk]), {"experience_total": 5, "experience_specialty": 6}
    )
    assert response.status_code == 400
    assert [e.code for e in response.data["experience_specialty"]] == ["experience"]
    assert db_state() == before
