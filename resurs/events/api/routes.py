"""Registers the events endpoints on the API's root router: /api/v1/events/ and /api/v1/event-registrations/."""

from . import viewsets


def register(router):
    router.register("events", viewsets.EventViewSet, basename="events-event")
    router.register("event-registrations", viewsets.RegistrationViewSet, basename="events-registration")
    router.register("event-certificates", viewsets.CertificateViewSet, basename="events-certificate")
    router.register("event-feedback", viewsets.FeedbackViewSet, basename="events-feedback")
