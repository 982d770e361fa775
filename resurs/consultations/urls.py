"""Pages of consultations: the list (with the XLSX export), the request form, the request with its workflow steps,
the attachment, the asker's own requests and the counts for a period."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="consultation-list"),
    path("new/", views.ConsultationCreateView.as_view(), name="consultation-create"),
    path("my/", views.MyConsultationsView.as_view(), name="my-consultations"),
    path("counts/", views.ConsultationStatsView.as_view(), name="consultation-stats"),
    path("<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation-detail"),
    path("<int:pk>/do/<str:action>/", views.ConsultationActionView.as_view(), name="consultation-action"),
    path("<int:pk>/attachment/", views.AttachmentView.as_view(), name="consultation-attachment"),
]
