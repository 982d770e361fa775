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


def catalog_entry(model, name, **fields):
    """An unsaved entry of any reference list with the fields its list requires (a code; a competence's area)."""
    from resurs.catalogs.models import CompetenceArea

    names = {f.name for f in model._meta.fields}
    if "code" in names:
        fields.setdefault("code", name[-20:])
    if "area" in names:
        fields.setdefault("area", CompetenceArea.objects.first())
    return model(name=name, **fields)
