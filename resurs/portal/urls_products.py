"""Public pages of products under /public/ (joined into the portal's URL list)."""

urlpatterns = []
