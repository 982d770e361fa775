"""Registers the development endpoints on the API's root router (/api/v1/development-…/)."""

from . import viewsets


def register(router):
    router.register("development-procedures", viewsets.ProcedureViewSet, basename="development-procedure")
    router.register("development-results", viewsets.ResultViewSet, basename="development-result")
    router.register("development-routes", viewsets.RouteViewSet, basename="development-route")
    router.register("development-steps", viewsets.StepViewSet, basename="development-step")
    router.register("development-courses", viewsets.CourseViewSet, basename="development-course")
    router.register("development-experience", viewsets.ExperienceViewSet, basename="development-experience")
    router.register("development-mentoring", viewsets.MentoringViewSet, basename="development-mentoring")
    router.register("development-attestations", viewsets.AttestationViewSet, basename="development-attestation")
    router.register(
        "development-recommendations", viewsets.RecommendationViewSet, basename="development-recommendation"
    )
    router.register("development-analysis", viewsets.AnalysisViewSet, basename="development-analysis")
