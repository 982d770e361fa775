from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("templates/", views.TemplateListView.as_view(), name="template-list"),
    path("templates/<str:code>/", views.TemplateDetailView.as_view(), name="template-detail"),
    path("templates/<str:code>/download/", views.TemplateDownloadView.as_view(), name="template-download"),
]
