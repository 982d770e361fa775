"""Public catalog of resource centers (000 § 3.8; 001 § 6.1): active centers only, staff as names and functions.

No login. A terminated center is not found (404): it leaves the catalog with the order that ends it.
"""

from django.db.models import Q
from django.views import generic

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.centers.selectors_centers import public_centers
from resurs.common.filtersets import TEXT_MAX_LENGTH, pk_or_none
from resurs.territory.models import Municipality


class CenterCatalogView(generic.ListView):
    template_name = "portal/center_list.html"
    context_object_name = "centers"
    paginate_by = 30

    def get_queryset(self):
        queryset = public_centers().order_by("organization__municipality__name", "name")
        params = self.request.GET
        if params.get("q"):
            # PostgreSQL refuses NUL in a text parameter (a 500); a search text is no longer than a filter's.
            words = params["q"].replace("\x00", "")[:TEXT_MAX_LENGTH].split()[:4]
            for word in words:
                queryset = queryset.filter(Q(name__icontains=word) | Q(organization__short_name__icontains=word))
        # An id that is no id (abc, ², 99999999999999999999) is no filter, not a 500.
        if (municipality := pk_or_none(params.get("municipality"))) is not None:
            queryset = queryset.filter(organization__municipality_id=municipality)
        if (direction := pk_or_none(params.get("direction"))) is not None:
            queryset = queryset.filter(directions__id=direction).distinct()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = Center.objects.filter(status=Center.Status.ACTIVE).values("organization__municipality_id")
        context["municipalities"] = Municipality.objects.filter(pk__in=active).order_by("name")
        context["directions"] = ContentDirection.objects.filter(is_active=True)
        context["q"] = self.request.GET.get("q", "")
        context["municipality"] = self.request.GET.get("municipality", "")
        context["direction"] = self.request.GET.get("direction", "")
        return context


class CenterPublicView(generic.DetailView):
    template_name = "portal/center_detail.html"
    context_object_name = "center"

    def get_queryset(self):
        return public_centers()
