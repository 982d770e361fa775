"""REST API of users and roles: read-only, scoped like the pages."""
