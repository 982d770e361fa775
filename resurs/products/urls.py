"""Pages of products."""

app_name = "products"

urlpatterns = []
