"""Root URL configuration: each app's pages under its own prefix, the API under /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("resurs.common.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/", include("resurs.accounts.urls")),
    path("territory/", include("resurs.territory.urls")),
    path("catalogs/", include("resurs.catalogs.urls")),
    path("people/", include("resurs.people.urls")),
    path("centers/", include("resurs.centers.urls")),
    path("documents/", include("resurs.documents.urls")),
    path("plans/", include("resurs.plans.urls")),
    path("events/", include("resurs.events.urls")),
    path("consultations/", include("resurs.consultations.urls")),
    path("products/", include("resurs.products.urls")),
    path("development/", include("resurs.development.urls")),
    path("monitoring/", include("resurs.monitoring.urls")),
    path("public/", include("resurs.portal.urls")),
    path("api/", include("resurs.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/login/", auth_views.LoginView.as_view(template_name="registration/login.html")),
    path("django-admin/", admin.site.urls),
]

handler400 = "resurs.common.error_pages.bad_request"
handler403 = "resurs.common.error_pages.permission_denied"
handler404 = "resurs.common.error_pages.page_not_found"
handler500 = "resurs.common.error_pages.server_error"
