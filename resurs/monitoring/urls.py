"""Pages of monitoring."""

app_name = "monitoring"

urlpatterns = []
