"""Public pages of monitoring under /public/ (joined into the portal's URL list)."""

urlpatterns = []
