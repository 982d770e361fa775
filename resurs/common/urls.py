from django.urls import path

from . import views_pages

urlpatterns = [
    path("", views_pages.HomeView.as_view(), name="home"),
    path("jobs/", views_pages.JobListView.as_view(), name="job-list"),
    path("jobs/<uuid:pk>/", views_pages.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<uuid:pk>/download/", views_pages.JobDownloadView.as_view(), name="job-download"),
    path("notifications/", views_pages.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read/", views_pages.NotificationsReadView.as_view(), name="notifications-read"),
]
