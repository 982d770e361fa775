import factory

from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Область {n}")
    code = factory.Sequence(lambda n: f"R{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Город {n}")
    code = factory.Sequence(lambda n: f"M{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationalDistrict

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Округ {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"СОШ № {n}")
    full_name = factory.LazyAttribute(
        lambda o: f"Муниципальное бюджетное общеобразовательное учреждение «{o.short_name}»"
    )
