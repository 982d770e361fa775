"""Serializers of the territory directories; related ids limited to the user's scope, as in the forms."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from resurs.common.api import ScopedModelSerializer, ScopedRelatedField

from ..forms import MunicipalityForm, OrganizationForm
from ..models import EducationalDistrict, Municipality, Organization, Region

AUDIT_FIELDS = ["version", "created_at", "updated_at"]


class RegionSerializer(ScopedModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "code", "timezone", *AUDIT_FIELDS]


class MunicipalitySerializer(ScopedModelSerializer):
    region = ScopedRelatedField(queryset=Region.objects.all())

    class Meta:
        model = Municipality
        fields = ["id", *MunicipalityForm.Meta.fields, *AUDIT_FIELDS]

    def validate_region(self, region):
        # As on the edit page: a municipality stays in its region.
        if self.instance is not None and region.pk != self.instance.region_id:
            raise serializers.ValidationError(_("A municipality cannot be moved to another region."))
        return region


class EducationalDistrictSerializer(ScopedModelSerializer):
    municipality = ScopedRelatedField(queryset=Municipality.objects.all())
    base_organization = ScopedRelatedField(
        queryset=Organization.objects.all(), scope_code="territory.organization:view", allow_null=True, required=False
    )

    class Meta:
        model = EducationalDistrict
        fields = ["id", "municipality", "name", "base_organization", *AUDIT_FIELDS]


class OrganizationSerializer(ScopedModelSerializer):
    municipality = ScopedRelatedField(queryset=Municipality.objects.all())
    district = ScopedRelatedField(
        queryset=EducationalDistrict.objects.all(),
        scope_code="territory.educationaldistrict:view",
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            *OrganizationForm.Meta.fields,
            *AUDIT_FIELDS,
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        municipality = attrs.get("municipality", instance.municipality if instance else None)
        district = attrs.get("district", instance.district if instance else None)
        if district and municipality and district.municipality_id != municipality.pk:
            raise serializers.ValidationError(
                {"district": [_("The educational district belongs to another municipality.")]}
            )
        return attrs
