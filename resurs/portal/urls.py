"""Public pages under /public/ (exempt from the login requirement in resurs.common.middleware)."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("centers/", views.CenterCatalogView.as_view(), name="center-list"),
    path("centers/<int:pk>/", views.CenterPublicView.as_view(), name="center-detail"),
]
