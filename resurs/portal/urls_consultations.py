"""Public pages of consultations under /public/ (joined into the portal's URL list)."""

from django.urls import path

from resurs.consultations import views_public

urlpatterns = [
    path("consultations/", views_public.PublicRequestView.as_view(), name="consultation-request"),
]
