import datetime

import factory
from django.core.files.base import ContentFile

from resurs.centers.models import Application, Center, CenterKind
from resurs.territory.tests.factories import OrganizationFactory


def kind(code="school_rc"):
    return CenterKind.objects.get(code=code)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organization = factory.SubFactory(OrganizationFactory)
    kind = factory.LazyFunction(kind)
    title = factory.Sequence(lambda n: f"Ресурсный центр «Цифровая школа {n}»")
    signed_file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 signed", name="zayavka.pdf"))


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center

    organization = factory.SubFactory(OrganizationFactory)
    kind = factory.LazyFunction(kind)
    name = factory.Sequence(lambda n: f"Ресурсный центр {n}")
    term_start = datetime.date(2026, 1, 1)
    term_end = datetime.date(2028, 12, 31)
