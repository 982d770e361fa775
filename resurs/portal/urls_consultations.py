"""Public pages of consultations under /public/ (joined into the portal's URL list)."""

urlpatterns = []
