"""REST API of the territory directories: the pages' scoping, FilterSets and audited saves."""
