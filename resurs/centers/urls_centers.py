"""Center registry and the center page with its tabs, staff, associations, agreements, documents, termination."""

from django.urls import path

from . import views_centers as views

urlpatterns = [
    path("", views.CenterRegistryView.as_view(), name="center-list"),
    path("<int:pk>/", views.CenterDetailView.as_view(), name="center-detail"),
    path("<int:pk>/edit/", views.CenterUpdateView.as_view(), name="center-update"),
    path("<int:pk>/terminate/", views.TerminateView.as_view(), name="center-terminate"),
    path("<int:pk>/staff/", views.CenterStaffView.as_view(), name="center-staff"),
    path("<int:pk>/staff/new/", views.StaffAssignView.as_view(), name="staff-create"),
    path("staff/<int:pk>/end/", views.StaffEndView.as_view(), name="staff-end"),
    path("<int:pk>/associations/", views.CenterAssociationsView.as_view(), name="center-associations"),
    path("<int:pk>/associations/new/", views.AssociationCreateView.as_view(), name="association-create"),
    path("associations/<int:pk>/", views.AssociationDetailView.as_view(), name="association-detail"),
    path("associations/<int:pk>/edit/", views.AssociationUpdateView.as_view(), name="association-update"),
    path("<int:pk>/agreements/", views.CenterAgreementsView.as_view(), name="center-agreements"),
    path("<int:pk>/agreements/new/", views.AgreementCreateView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement-update"),
    path("agreements/<int:pk>/file/", views.AgreementFileView.as_view(), name="agreement-file"),
    path("<int:pk>/documents/", views.CenterDocumentsView.as_view(), name="center-documents"),
    path("<int:pk>/documents/<slug:requirement>/", views.DocumentUploadView.as_view(), name="document-upload"),
    path("documents/<int:pk>/file/", views.DocumentFileView.as_view(), name="document-file"),
    path("<int:pk>/orders/<int:order_pk>/document/", views.OrderDocumentView.as_view(), name="center-order-document"),
    path("<int:pk>/history/", views.CenterHistoryView.as_view(), name="center-history"),
]
