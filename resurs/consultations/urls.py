"""Pages of consultations."""

app_name = "consultations"

urlpatterns = []
