"""Territory endpoints: the same restrict()ed querysets and FilterSets as the list pages."""

from resurs.common.api import ScopedNoDeleteViewSet, ScopedViewSet

from .. import filtersets
from ..models import EducationalDistrict, Municipality, Organization, Region
from . import serializers


class RegionViewSet(ScopedNoDeleteViewSet):
    model = Region
    serializer_class = serializers.RegionSerializer
    filterset_class = filtersets.RegionFilterSet


class MunicipalityViewSet(ScopedNoDeleteViewSet):
    model = Municipality
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = filtersets.MunicipalityFilterSet


class EducationalDistrictViewSet(ScopedViewSet):
    model = EducationalDistrict
    serializer_class = serializers.EducationalDistrictSerializer
    filterset_class = filtersets.EducationalDistrictFilterSet


class OrganizationViewSet(ScopedViewSet):
    model = Organization
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filtersets.OrganizationFilterSet
