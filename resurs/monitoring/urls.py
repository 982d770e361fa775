"""Pages of monitoring: indicators, data requests and answers, assessment results, methodologies and runs, dynamics,
support of schools."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/new/", views.IndicatorCreateView.as_view(), name="indicator-create"),
    path("indicators/<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="indicator-update"),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request-create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("requests/<int:pk>/remind/", views.RemindView.as_view(), name="request-remind"),
    path("answers/", views.ResponseListView.as_view(), name="response-list"),
    path("answers/<int:pk>/", views.ResponseDetailView.as_view(), name="response-detail"),
    path("answers/<int:pk>/return/", views.ResponseReturnView.as_view(), name="response-return"),
    path("answers/<int:pk>/accept/", views.ResponseAcceptView.as_view(), name="response-accept"),
    path("results/", views.ResultListView.as_view(), name="result-list"),
    path("results/import/", views.ResultImportView.as_view(), name="result-import"),
    path("results/import/template/", views.ResultImportTemplateView.as_view(), name="result-import-template"),
    path("methodologies/", views.MethodologyListView.as_view(), name="methodology-list"),
    path("methodologies/<int:pk>/", views.MethodologyDetailView.as_view(), name="methodology-detail"),
    path("methodologies/<int:pk>/run/", views.RunStartView.as_view(), name="methodology-run"),
    path("runs/", views.RunListView.as_view(), name="run-list"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run-detail"),
    path("runs/<int:pk>/schools/<int:org>/", views.RunSchoolView.as_view(), name="run-school"),
    path("dynamics/schools/<int:pk>/", views.SchoolDynamicsView.as_view(), name="school-dynamics"),
    path("dynamics/municipalities/<int:pk>/", views.MunicipalityDynamicsView.as_view(), name="municipality-dynamics"),
    path("support/", views.SupportListView.as_view(), name="support-list"),
    path("support/new/", views.SupportCreateView.as_view(), name="support-create"),
    path("support/<int:pk>/", views.SupportDetailView.as_view(), name="support-detail"),
    path("support/<int:pk>/edit/", views.SupportUpdateView.as_view(), name="support-update"),
    path("support/<int:pk>/steps/new/", views.StepCreateView.as_view(), name="step-create"),
    path("support/steps/<int:pk>/edit/", views.StepUpdateView.as_view(), name="step-update"),
]
