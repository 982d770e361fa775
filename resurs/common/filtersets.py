"""Base FilterSet: knows the user, so choice lists offer only what the user's scope reaches."""

import django_filters

from .scoping import restrict


class ScopedFilterSet(django_filters.FilterSet):
    # filter name -> permission code used to restrict its choices
    scoped_choices = {}

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        if user is not None:
            for name, code in self.scoped_choices.items():
                field = self.filters[name]
                field.queryset = restrict(field.queryset, user, code)
