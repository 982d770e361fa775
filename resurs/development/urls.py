"""Pages of development."""

app_name = "development"

urlpatterns = []
