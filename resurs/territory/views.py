"""Territory pages: lists, details with history, create and edit, all through the scoped generic views."""

from resurs.common import views as generic
from resurs.common.views_imports import ImportTemplateView, ImportView

from . import filtersets, forms, tables
from .models import EducationalDistrict, Municipality, Organization, Region


class RegionList(generic.ScopedListView):
    model = Region
    table_class = tables.RegionTable
    filterset_class = filtersets.RegionFilterSet


class RegionDetail(generic.ScopedDetailView):
    model = Region
    fields = ("name", "code", "timezone")


class RegionUpdate(generic.ScopedUpdateView):
    model = Region
    form_class = forms.RegionForm


class MunicipalityList(generic.ScopedListView):
    model = Municipality
    table_class = tables.MunicipalityTable
    filterset_class = filtersets.MunicipalityFilterSet
    create_url_name = "territory:municipality-create"

    def base_queryset(self):
        return Municipality.objects.select_related("region")


class MunicipalityDetail(generic.ScopedDetailView):
    model = Municipality
    fields = ("region", "name", "code", "timezone", "department_name")


class MunicipalityCreate(generic.ScopedCreateView):
    model = Municipality
    form_class = forms.MunicipalityForm


class MunicipalityUpdate(generic.ScopedUpdateView):
    model = Municipality
    form_class = forms.MunicipalityForm


class DistrictList(generic.ScopedListView):
    model = EducationalDistrict
    table_class = tables.EducationalDistrictTable
    filterset_class = filtersets.EducationalDistrictFilterSet
    create_url_name = "territory:district-create"

    def base_queryset(self):
        return EducationalDistrict.objects.select_related("municipality", "base_organization")


class DistrictDetail(generic.ScopedDetailView):
    model = EducationalDistrict
    fields = ("municipality", "name", "base_organization")


class DistrictCreate(generic.ScopedCreateView):
    model = EducationalDistrict
    form_class = forms.EducationalDistrictForm


class DistrictUpdate(generic.ScopedUpdateView):
    model = EducationalDistrict
    form_class = forms.EducationalDistrictForm


class OrganizationList(generic.ScopedListView):
    model = Organization
    table_class = tables.OrganizationTable
    filterset_class = filtersets.OrganizationFilterSet
    create_url_name = "territory:organization-create"
    import_url_name = "territory:organization-import"
    export_name = "territory.organizations"

    def base_queryset(self):
        return Organization.objects.select_related("municipality", "district")


class OrganizationDetail(generic.ScopedDetailView):
    model = Organization
    fields = forms.OrganizationForm.Meta.fields


class OrganizationCreate(generic.ScopedCreateView):
    model = Organization
    form_class = forms.OrganizationForm


class OrganizationUpdate(generic.ScopedUpdateView):
    model = Organization
    form_class = forms.OrganizationForm


class OrganizationImport(ImportView):
    model = Organization
    import_name = "territory.organizations"
    list_url_name = "territory:organization-list"
    template_url_name = "territory:organization-import-template"


class OrganizationImportTemplate(ImportTemplateView):
    model = Organization
    import_name = "territory.organizations"
