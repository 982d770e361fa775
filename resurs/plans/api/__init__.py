"""REST API of plans: the pages' scoping, FilterSet and services; workflow actions as POST actions."""
