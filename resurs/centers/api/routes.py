"""Registers the centers endpoints on the API's root router, under /api/v1/centers/."""

from . import viewsets


def register(router):
    # The records of the centers first: with numeric ids in every route, "centers/<id>/" never takes "kinds/".
    router.register("centers/kinds", viewsets.CenterKindViewSet, basename="centers-kind")
    router.register("centers/criteria", viewsets.ReviewCriterionViewSet, basename="centers-criterion")
    router.register("centers/applications", viewsets.ApplicationViewSet, basename="centers-application")
    router.register("centers/staff", viewsets.StaffViewSet, basename="centers-staff")
    router.register("centers/associations", viewsets.AssociationViewSet, basename="centers-association")
    router.register("centers/agreements", viewsets.AgreementViewSet, basename="centers-agreement")
    router.register("centers/documents", viewsets.CenterDocumentViewSet, basename="centers-document")
    router.register("centers/orders", viewsets.OrderViewSet, basename="centers-order")
    router.register("centers", viewsets.CenterViewSet, basename="centers-center")
