"""Territory forms; choice lists limited to the user's scope."""

from resurs.common.forms import VersionedModelForm
from resurs.common.scoping import restrict

from .models import EducationalDistrict, Municipality, Organization, Region


class RegionForm(VersionedModelForm):
    class Meta:
        model = Region
        fields = ["name", "code", "timezone"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class MunicipalityForm(VersionedModelForm):
    class Meta:
        model = Municipality
        fields = [
            "region",
            "name",
            "code",
            "timezone",
            "department_name",
            "department_head",
            "department_head_position",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "territory.municipality:change" if self.instance.pk else "territory.municipality:add"
        self.fields["region"].queryset = restrict(Region.objects.all(), user, code)
        if self.instance.pk:
            # A municipality stays in its region: a department (whose scope is below the region) edits the rest.
            self.fields["region"].queryset = Region.objects.filter(pk=self.instance.region_id)
            self.fields["region"].disabled = True


class EducationalDistrictForm(VersionedModelForm):
    class Meta:
        model = EducationalDistrict
        fields = ["municipality", "name", "base_organization"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "territory.educationaldistrict:change" if self.instance.pk else "territory.educationaldistrict:add"
        self.fields["municipality"].queryset = restrict(Municipality.objects.all(), user, code)
        self.fields["base_organization"].queryset = restrict(
            Organization.objects.select_related("municipality"), user, "territory.organization:view"
        )


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = [
            "municipality",
            "kind",
            "short_name",
            "full_name",
            "inn",
            "address",
            "district",
            "is_base",
            "director",
            "email",
            "phone",
            "website",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "territory.organization:change" if self.instance.pk else "territory.organization:add"
        self.fields["municipality"].queryset = restrict(Municipality.objects.all(), user, code)
        self.fields["district"].queryset = restrict(
            EducationalDistrict.objects.select_related("municipality"), user, "territory.educationaldistrict:view"
        )
        if self.instance.pk:
            # Keep the current values selectable for an editor whose scope is the organization itself
            # (org_admin); the save re-checks that the record stays in the editor's scope.
            self.fields["municipality"].queryset |= Municipality.objects.filter(pk=self.instance.municipality_id)
            if self.instance.district_id:
                self.fields["district"].queryset |= EducationalDistrict.objects.filter(pk=self.instance.district_id)

    def clean(self):
        data = super().clean()
        district, municipality = data.get("district"), data.get("municipality")
        if district and municipality and district.municipality_id != municipality.pk:
            self.add_error("district", self.error_class([_district_error()]))
        return data


def _district_error():
    from django.utils.translation import gettext as _

    return _("The educational district belongs to another municipality.")
