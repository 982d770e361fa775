import factory

from resurs.catalogs.tests.factories import PositionFactory
from resurs.people.models import Teacher
from resurs.territory.tests.factories import OrganizationFactory


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teacher

    surname = factory.Sequence(lambda n: f"Иванова{n}")
    name = "Мария"
    patronymic = "Петровна"
    gender = "f"
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.SubFactory(PositionFactory, name="Учитель")
    experience_total = 10
    experience_specialty = 8
