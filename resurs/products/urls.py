"""Pages of products: the registry, a product's page with files, reviews and the workflow, the expert's form, the
replication list, review criteria, publications and presentation programmes."""

from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("", views.ProductListView.as_view(), name="product-list"),
    path("new/", views.ProductCreateView.as_view(), name="product-create"),
    path("<int:pk>/", views.ProductDetailView.as_view(), name="product-detail"),
    path("<int:pk>/edit/", views.ProductUpdateView.as_view(), name="product-update"),
    path("<int:pk>/do/<str:action>/", views.ProductActionView.as_view(), name="product-action"),
    path("<int:pk>/propose/", views.ProductProposeView.as_view(), name="product-propose"),
    path("<int:pk>/delete/", views.ProductDeleteView.as_view(), name="product-delete"),
    path("<int:pk>/files/", views.FileAddView.as_view(), name="file-add"),
    path("files/<int:pk>/delete/", views.FileDeleteView.as_view(), name="file-delete"),
    path("files/<int:pk>/", views.FileDownloadView.as_view(), name="file-download"),
    path("<int:pk>/assign/", views.AssignView.as_view(), name="review-assign"),
    path("<int:pk>/review/", views.ReviewView.as_view(), name="review"),
    path("reviews/", views.MyReviewsView.as_view(), name="my-reviews"),
    path("replication/", views.ReplicationListView.as_view(), name="replication-list"),
    path("criteria/", views.CriterionListView.as_view(), name="criterion-list"),
    path("criteria/new/", views.CriterionCreateView.as_view(), name="criterion-create"),
    path("criteria/<int:pk>/edit/", views.CriterionUpdateView.as_view(), name="criterion-update"),
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path("publications/new/", views.PublicationFormView.as_view(), name="publication-create"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication-detail"),
    path("publications/<int:pk>/edit/", views.PublicationFormView.as_view(), name="publication-update"),
    path("publications/<int:pk>/delete/", views.PublicationDeleteView.as_view(), name="publication-delete"),
    path("presentations/", views.PresentationListView.as_view(), name="presentation-list"),
    path("presentations/new/", views.PresentationFormView.as_view(), name="presentation-create"),
    path("presentations/<int:pk>/", views.PresentationDetailView.as_view(), name="presentation-detail"),
    path("presentations/<int:pk>/edit/", views.PresentationFormView.as_view(), name="presentation-update"),
    path("presentations/<int:pk>/delete/", views.PresentationDeleteView.as_view(), name="presentation-delete"),
    path("presentations/<int:pk>/items/", views.ItemAddView.as_view(), name="item-add"),
    path("presentations/items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item-delete"),
]
