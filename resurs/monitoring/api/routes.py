"""Registers the monitoring endpoints on the API's root router (/api/v1/monitoring-…/)."""

from . import viewsets


def register(router):
    router.register("monitoring-indicators", viewsets.IndicatorViewSet, basename="monitoring-indicator")
    router.register("monitoring-requests", viewsets.DataRequestViewSet, basename="monitoring-request")
    router.register("monitoring-answers", viewsets.DataResponseViewSet, basename="monitoring-answer")
    router.register("monitoring-results", viewsets.AssessmentResultViewSet, basename="monitoring-result")
    router.register("monitoring-methodologies", viewsets.MethodologyViewSet, basename="monitoring-methodology")
    router.register("monitoring-runs", viewsets.IdentificationRunViewSet, basename="monitoring-run")
    router.register("monitoring-run-results", viewsets.RunResultViewSet, basename="monitoring-run-result")
    router.register("monitoring-support", viewsets.SupportCaseViewSet, basename="monitoring-support")
    router.register("monitoring-support-steps", viewsets.SupportStepViewSet, basename="monitoring-support-step")
