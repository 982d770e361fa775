"""The application workflow: center kinds, review criteria, deadlines, applications, review, decision, orders."""

from django.urls import path

from . import views_applications as views

urlpatterns = [
    path("kinds/", views.KindListView.as_view(), name="kind-list"),
    path("kinds/new/", views.KindCreateView.as_view(), name="kind-create"),
    path("kinds/<int:pk>/", views.KindDetailView.as_view(), name="kind-detail"),
    path("kinds/<int:pk>/edit/", views.KindUpdateView.as_view(), name="kind-update"),
    path("criteria/", views.CriterionListView.as_view(), name="criterion-list"),
    path("criteria/new/", views.CriterionCreateView.as_view(), name="criterion-create"),
    path("criteria/<int:pk>/edit/", views.CriterionUpdateView.as_view(), name="criterion-update"),
    path("deadlines/", views.DeadlineListView.as_view(), name="deadline-list"),
    path("deadlines/new/", views.DeadlineCreateView.as_view(), name="deadline-create"),
    path("deadlines/<int:pk>/edit/", views.DeadlineUpdateView.as_view(), name="deadline-update"),
    path("applications/", views.ApplicationListView.as_view(), name="application-list"),
    path("applications/new/", views.ApplicationCreateView.as_view(), name="application-create"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<int:pk>/edit/", views.ApplicationUpdateView.as_view(), name="application-update"),
    path("applications/<int:pk>/submit/", views.ApplicationSubmitView.as_view(), name="application-submit"),
    path("applications/<int:pk>/file/", views.ApplicationFileView.as_view(), name="application-file"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        views.ApplicationFileView.as_view(),
        name="application-attachment",
    ),
    path("applications/<int:pk>/review/", views.ReviewView.as_view(), name="application-review"),
    path("applications/<int:pk>/decide/", views.DecisionView.as_view(), name="application-decide"),
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/new/", views.OrderCreateView.as_view(), name="order-create"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<int:pk>/document/", views.OrderDocumentView.as_view(), name="order-document"),
    path("orders/<int:pk>/scan/", views.OrderScanView.as_view(), name="order-scan"),
    path("orders/<int:pk>/scan/upload/", views.OrderScanUploadView.as_view(), name="order-scan-upload"),
    path("orders/<int:pk>/regenerate/", views.OrderRegenerateView.as_view(), name="order-regenerate"),
]
