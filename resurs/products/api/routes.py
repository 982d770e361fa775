"""Registers the products endpoints on the API's root router: /api/v1/products/, /api/v1/product-publications/,
/api/v1/product-presentations/, /api/v1/product-criteria/."""

from . import viewsets


def register(router):
    router.register("products", viewsets.ProductViewSet, basename="products-product")
    router.register("product-publications", viewsets.PublicationViewSet, basename="products-publication")
    router.register("product-presentations", viewsets.PresentationViewSet, basename="products-presentation")
    router.register("product-criteria", viewsets.CriterionViewSet, basename="products-criterion")
