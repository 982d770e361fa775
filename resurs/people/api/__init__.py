"""REST API of the teacher registry: the page's scoping, FilterSet, audited saves and consent services."""
