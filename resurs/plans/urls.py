"""Plan pages: list, creation, the plan page with its workflow, items, execution, revisions, import, export, deadlines."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
    path("new/", views.PlanCreateView.as_view(), name="plan-create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path("<int:pk>/edit/", views.PlanHeaderUpdateView.as_view(), name="plan-update"),
    path("<int:pk>/submit/", views.SubmitView.as_view(), name="plan-submit"),
    path("<int:pk>/return/", views.ReturnView.as_view(), name="plan-return"),
    path("<int:pk>/agree/", views.AgreeView.as_view(), name="plan-agree"),
    path("<int:pk>/revise/", views.ReviseView.as_view(), name="plan-revise"),
    path("<int:pk>/items/new/", views.ItemCreateView.as_view(), name="item-create"),
    path("items/<int:pk>/edit/", views.ItemUpdateView.as_view(), name="item-update"),
    path("items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item-delete"),
    path("items/<int:pk>/execution/", views.ExecutionView.as_view(), name="item-execution"),
    path("<int:pk>/revisions/<int:number>/", views.RevisionDetailView.as_view(), name="revision-detail"),
    path("<int:pk>/revisions/diff/", views.RevisionDiffView.as_view(), name="revision-diff"),
    path("<int:pk>/import/", views.PlanImportView.as_view(), name="plan-import"),
    path("import/template/", views.ImportTemplateView.as_view(), name="import-template"),
    path("<int:pk>/export/docx/", views.ExportDocxView.as_view(), name="export-docx"),
    path("<int:pk>/export/xlsx/", views.ExportXlsxView.as_view(), name="export-xlsx"),
    path("<int:pk>/documents/<int:document_pk>/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("deadlines/", views.DeadlineListView.as_view(), name="deadline-list"),
    path("deadlines/new/", views.DeadlineCreateView.as_view(), name="deadline-create"),
    path("deadlines/<int:pk>/edit/", views.DeadlineUpdateView.as_view(), name="deadline-update"),
]
