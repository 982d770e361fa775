"""Event pages: list, creation (from a plan item too), the event page with its workflow, speakers, materials,
bulk registration, cancelling a registration, the teacher's own registrations and one-button registration."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("new/", views.EventCreateView.as_view(), name="event-create"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<int:pk>/edit/", views.EventUpdateView.as_view(), name="event-update"),
    path("<int:pk>/do/<str:action>/", views.EventActionView.as_view(), name="event-action"),
    path("<int:pk>/speakers/", views.SpeakerAddView.as_view(), name="speaker-add"),
    path("speakers/<int:pk>/delete/", views.SpeakerDeleteView.as_view(), name="speaker-delete"),
    path("<int:pk>/materials/", views.MaterialAddView.as_view(), name="material-add"),
    path("materials/<int:pk>/delete/", views.MaterialDeleteView.as_view(), name="material-delete"),
    path("materials/<int:pk>/", views.MaterialDownloadView.as_view(), name="material-download"),
    path("<int:pk>/bulk/", views.BulkRegisterView.as_view(), name="bulk-register"),
    path("<int:pk>/register/", views.RegisterSelfView.as_view(), name="register-self"),
    path("registrations/<int:pk>/cancel/", views.RegistrationCancelView.as_view(), name="registration-cancel"),
    path("my/", views.MyRegistrationsView.as_view(), name="my-registrations"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/check-in/", views.CheckInView.as_view(), name="check-in"),
    path("<int:pk>/roll-sheet.pdf", views.RollSheetView.as_view(), name="roll-sheet"),
    path("<int:pk>/certificates/", views.EventCertificatesView.as_view(), name="certificates"),
    path("certificates/<int:pk>.pdf", views.CertificateDownloadView.as_view(), name="certificate-download"),
    path(
        "certificates/<int:pk>/revoke/", views.CertificateActionView.as_view(action="revoke"), name="certificate-revoke"
    ),
    path(
        "certificates/<int:pk>/reissue/",
        views.CertificateActionView.as_view(action="reissue"),
        name="certificate-reissue",
    ),
    path("registrations/<int:pk>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("<int:pk>/feedback/", views.EventFeedbackView.as_view(), name="event-feedback"),
    path("feedback/", views.CenterFeedbackView.as_view(), name="feedback-centers"),
    path(
        "associations/<int:pk>/attendance/",
        views.AssociationAttendanceView.as_view(),
        name="association-attendance",
    ),
]
