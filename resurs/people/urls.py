from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("teachers/", views.TeacherListView.as_view(), name="teacher-list"),
    path("teachers/new/", views.TeacherCreateView.as_view(), name="teacher-create"),
    path("teachers/import/", views.TeacherImportView.as_view(), name="teacher-import"),
    path("teachers/import/template/", views.TeacherImportTemplateView.as_view(), name="teacher-import-template"),
    path("teachers/<int:pk>/", views.TeacherDetailView.as_view(), name="teacher-detail"),
    path("teachers/<int:pk>/login/", views.TeacherLoginView.as_view(), name="teacher-login"),
    path("teachers/<int:pk>/edit/", views.TeacherUpdateView.as_view(), name="teacher-update"),
    path(
        "teachers/<int:pk>/consent/give/", views.ConsentView.as_view(), {"action": "give"}, name="teacher-consent-give"
    ),
    path(
        "teachers/<int:pk>/consent/withdraw/",
        views.ConsentView.as_view(),
        {"action": "withdraw"},
        name="teacher-consent-withdraw",
    ),
]
