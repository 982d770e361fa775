"""Public pages under /public/ (exempt from the login requirement in resurs.common.middleware)."""

from django.urls import path

from resurs.events import views_public

from . import urls_consultations, urls_development, urls_monitoring, urls_products, views, views_events

app_name = "portal"

urlpatterns = [
    path("centers/", views.CenterCatalogView.as_view(), name="center-list"),
    path("centers/<int:pk>/", views.CenterPublicView.as_view(), name="center-detail"),
    path("centers/<int:pk>/events.ics", views_events.CenterFeedView.as_view(), name="center-feed"),
    path("events/", views_events.EventCalendarView.as_view(), name="event-list"),
    path("events/<int:pk>/", views_events.EventPublicView.as_view(), name="event-detail"),
    path("events/<int:pk>/requested/", views_events.EventRequestedView.as_view(), name="event-requested"),
    path("events/confirm/<str:token>/", views_events.EventConfirmView.as_view(), name="event-confirm"),
    path("events/feed/<str:token>.ics", views_events.TeacherFeedView.as_view(), name="teacher-feed"),
    path("certificates/", views_public.CertificateVerifyView.as_view(), name="certificate-search"),
    path("certificates/<str:number>/", views_public.CertificateVerifyView.as_view(), name="certificate-verify"),
]
# Public pages of the apps above events, each list in its own module.
urlpatterns += urls_consultations.urlpatterns
urlpatterns += urls_products.urlpatterns
urlpatterns += urls_development.urlpatterns
urlpatterns += urls_monitoring.urlpatterns
