"""Pages of teacher development under /development/."""

from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("", views.Cabinet.as_view(), name="cabinet"),
    path("diagnostics/", views.ProcedureList.as_view(), name="procedure-list"),
    path("diagnostics/new/", views.ProcedureCreate.as_view(), name="procedure-create"),
    path("diagnostics/<int:pk>/", views.ProcedureDetail.as_view(), name="procedure-detail"),
    path("diagnostics/<int:pk>/edit/", views.ProcedureUpdate.as_view(), name="procedure-update"),
    path("diagnostics/<int:pk>/import/", views.ResultImport.as_view(), name="result-import"),
    path("results/", views.ResultList.as_view(), name="result-list"),
    path("results/new/", views.ResultCreate.as_view(), name="result-create"),
    path("results/template.xlsx", views.ResultImportTemplate.as_view(), name="result-import-template"),
    path("results/<int:pk>/", views.ResultDetail.as_view(), name="result-detail"),
    path("results/<int:pk>/edit/", views.ResultUpdate.as_view(), name="result-update"),
    path("routes/", views.RouteList.as_view(), name="route-list"),
    path("routes/new/", views.RouteCreate.as_view(), name="route-create"),
    path("routes/recommendations/", views.RefreshRecommendations.as_view(), name="recommendations-refresh"),
    path("routes/<int:pk>/", views.RouteDetail.as_view(), name="route-detail"),
    path("routes/<int:pk>/edit/", views.RouteUpdate.as_view(), name="route-update"),
    path("routes/<int:pk>/steps/", views.StepCreate.as_view(), name="step-create"),
    path("routes/<int:pk>/accept/", views.AcceptProposal.as_view(), name="route-accept"),
    path(
        "routes/<int:pk>/steps/<int:step>/<str:action>/",
        views.StepAction.as_view(),
        name="step-action",
    ),
    path("routes/<int:pk>/<str:action>/", views.RouteTransition.as_view(), name="route-transition"),
    path("courses/", views.CourseList.as_view(), name="course-list"),
    path("courses/new/", views.CourseCreate.as_view(), name="course-create"),
    path("courses/import/", views.CourseImport.as_view(), name="course-import"),
    path("courses/template.xlsx", views.CourseImportTemplate.as_view(), name="course-import-template"),
    path("courses/<int:pk>/", views.CourseDetail.as_view(), name="course-detail"),
    path("courses/<int:pk>/edit/", views.CourseUpdate.as_view(), name="course-update"),
    path("experience/", views.ExperienceList.as_view(), name="experience-list"),
    path("experience/new/", views.ExperienceCreate.as_view(), name="experience-create"),
    path("experience/<int:pk>/", views.ExperienceDetail.as_view(), name="experience-detail"),
    path("experience/<int:pk>/edit/", views.ExperienceUpdate.as_view(), name="experience-update"),
    path("mentoring/", views.MentoringList.as_view(), name="mentoring-list"),
    path("mentoring/new/", views.MentoringCreate.as_view(), name="mentoring-create"),
    path("mentoring/young/", views.YoungWithoutMentor.as_view(), name="young-without-mentor"),
    path("mentoring/<int:pk>/", views.MentoringDetail.as_view(), name="mentoring-detail"),
    path("mentoring/<int:pk>/edit/", views.MentoringUpdate.as_view(), name="mentoring-update"),
    path("attestation/", views.AttestationList.as_view(), name="attestation-list"),
    path("attestation/new/", views.AttestationCreate.as_view(), name="attestation-create"),
    path("attestation/due/", views.AttestationDue.as_view(), name="attestation-due"),
    path("attestation/<int:pk>/", views.AttestationDetail.as_view(), name="attestation-detail"),
    path("attestation/<int:pk>/edit/", views.AttestationUpdate.as_view(), name="attestation-update"),
    path("analysis/", views.Analysis.as_view(), name="analysis"),
]
