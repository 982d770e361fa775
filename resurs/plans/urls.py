from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
]
