"""Public pages of development under /public/ (joined into the portal's URL list)."""

urlpatterns = []
