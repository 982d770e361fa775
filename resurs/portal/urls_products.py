"""Public pages of products under /public/ (joined into the portal's URL list): the bank of best practices."""

from django.urls import path

from resurs.products import views_public

urlpatterns = [
    path("best-practices/", views_public.BankView.as_view(), name="product-public-list"),
    path("best-practices/<int:pk>/", views_public.ProductPublicView.as_view(), name="product-public-detail"),
    path("best-practices/files/<int:pk>/", views_public.PublicFileView.as_view(), name="product-public-file"),
]
