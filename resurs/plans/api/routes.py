"""Registers the plans endpoints on the API's root router: /api/v1/plans/ and /api/v1/plan-items/."""

from . import viewsets


def register(router):
    router.register("plans", viewsets.PlanViewSet, basename="plans-plan")
    router.register("plan-items", viewsets.PlanItemViewSet, basename="plans-item")
