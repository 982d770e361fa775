"""Pages of the centers app: applications and orders (urls_applications), centers and their tabs (urls_centers)."""

from .urls_applications import urlpatterns as application_patterns
from .urls_centers import urlpatterns as center_patterns

app_name = "centers"

urlpatterns = application_patterns + center_patterns
