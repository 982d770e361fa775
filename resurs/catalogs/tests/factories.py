import factory

from resurs.catalogs.models import Position, QualificationCategory, Subject


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Предмет {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Должность {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Категория {n}")
