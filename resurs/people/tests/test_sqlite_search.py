"""Case-insensitive search finds Cyrillic names whatever the case, on SQLite as on PostgreSQL."""

import pytest

from resurs.people.models import Teacher
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def test_icontains_folds_cyrillic():
    TeacherFactory(surname="Иванова", name="Мария")
    TeacherFactory(surname="Петров_100%", name="Ёж")
    assert list(Teacher.objects.filter(surname__icontains="иванова").values_list("surname", flat=True)) == ["Иванова"]
    assert Teacher.objects.filter(surname__istartswith="ИВАН").count() == 1
    assert Teacher.objects.filter(surname__icontains="в_1").count() == 1  # "_" is literal, not a wildcard
    assert Teacher.objects.filter(surname__icontains="0%").count() == 1
    assert Teacher.objects.filter(surname__icontains="в_2").count() == 0
    assert Teacher.objects.filter(name__iexact="ёж").count() == 1
