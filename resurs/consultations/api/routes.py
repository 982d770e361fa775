"""Registers the consultations endpoints on the API's root router: /api/v1/consultations/."""

from . import viewsets


def register(router):
    router.register("consultations", viewsets.ConsultationViewSet, basename="consultations-consultation")
