"""REST API of the resource centers (SPEC §4, §12): the pages' scoping, FilterSets and services, under /api/v1/centers/."""
