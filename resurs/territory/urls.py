from django.urls import path

from . import views

app_name = "territory"

urlpatterns = [
    path("regions/", views.RegionList.as_view(), name="region-list"),
    path("regions/<int:pk>/", views.RegionDetail.as_view(), name="region-detail"),
    path("regions/<int:pk>/edit/", views.RegionUpdate.as_view(), name="region-update"),
    path("municipalities/", views.MunicipalityList.as_view(), name="municipality-list"),
    path("municipalities/new/", views.MunicipalityCreate.as_view(), name="municipality-create"),
    path("municipalities/<int:pk>/", views.MunicipalityDetail.as_view(), name="municipality-detail"),
    path("municipalities/<int:pk>/edit/", views.MunicipalityUpdate.as_view(), name="municipality-update"),
    path("districts/", views.DistrictList.as_view(), name="district-list"),
    path("districts/new/", views.DistrictCreate.as_view(), name="district-create"),
    path("districts/<int:pk>/", views.DistrictDetail.as_view(), name="district-detail"),
    path("districts/<int:pk>/edit/", views.DistrictUpdate.as_view(), name="district-update"),
    path("organizations/", views.OrganizationList.as_view(), name="organization-list"),
    path("organizations/new/", views.OrganizationCreate.as_view(), name="organization-create"),
    path("organizations/import/", views.OrganizationImport.as_view(), name="organization-import"),
    path(
        "organizations/import/template/",
        views.OrganizationImportTemplate.as_view(),
        name="organization-import-template",
    ),
    path("organizations/<int:pk>/", views.OrganizationDetail.as_view(), name="organization-detail"),
    path("organizations/<int:pk>/edit/", views.OrganizationUpdate.as_view(), name="organization-update"),
]
