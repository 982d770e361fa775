from django.urls import path

from . import views

app_name = "catalogs"

urlpatterns = [
    path("", views.CatalogIndex.as_view(), name="index"),
    path("<slug:catalog>/", views.CatalogList.as_view(), name="item-list"),
    path("<slug:catalog>/new/", views.CatalogCreate.as_view(), name="item-create"),
    path("<slug:catalog>/<int:pk>/", views.CatalogDetail.as_view(), name="item-detail"),
    path("<slug:catalog>/<int:pk>/edit/", views.CatalogUpdate.as_view(), name="item-update"),
]
