"""API routes: /api/v1/ (resources, token, exports, imports), /api/schema/ (OpenAPI) and /api/docs/ (Swagger UI)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from resurs.accounts.api.viewsets import RoleViewSet, UserViewSet
from resurs.catalogs.api.viewsets import catalog_viewsets
from resurs.centers.api.routes import register as register_centers
from resurs.common.api import API_AUTHENTICATION
from resurs.consultations.api.routes import register as register_consultations
from resurs.development.api.routes import register as register_development
from resurs.events.api.routes import register as register_events
from resurs.monitoring.api.routes import register as register_monitoring
from resurs.people.api.viewsets import TeacherViewSet
from resurs.plans.api.routes import register as register_plans
from resurs.products.api.routes import register as register_products
from resurs.territory.api import viewsets as territory

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("regions", territory.RegionViewSet, basename="region")
router.register("municipalities", territory.MunicipalityViewSet, basename="municipality")
router.register("districts", territory.EducationalDistrictViewSet, basename="district")
router.register("organizations", territory.OrganizationViewSet, basename="organization")
for catalog, viewset in catalog_viewsets():
    router.register(f"catalogs/{catalog}", viewset, basename=f"catalog-{catalog}")
router.register("teachers", TeacherViewSet, basename="teacher")
router.register("users", UserViewSet, basename="user")
router.register("roles", RoleViewSet, basename="role")
router.register("jobs", views.JobViewSet, basename="job")
register_centers(router)
register_plans(router)
register_events(router)
register_consultations(router)
register_products(router)
register_development(router)
register_monitoring(router)

schema_access = {"authentication_classes": API_AUTHENTICATION, "permission_classes": [IsAuthenticated]}

urlpatterns = [
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/exports/<str:name>/", views.ExportView.as_view(), name="export"),
    path("v1/imports/<str:name>/", views.ImportView.as_view(), name="import"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(**schema_access), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema", **schema_access), name="docs"),
]
