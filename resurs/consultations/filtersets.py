"""One FilterSet for the consultations list page, the API and the XLSX export (000 § 3.8)."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict

from .models import Consultation
from .permissions import VIEW


class ConsultationFilterSet(ScopedFilterSet):
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Consultation.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Format"), choices=Consultation.Kind.choices)
    direction = django_filters.ModelChoiceFilter(label=_("Content direction"), queryset=ContentDirection.objects.all())
    methodist = django_filters.ModelChoiceFilter(label=_("Methodist"), queryset=get_user_model().objects.all())
    asked_from = django_filters.DateFilter(label=_("Asked from"), field_name="asked_at__date", lookup_expr="gte")
    asked_to = django_filters.DateFilter(label=_("Asked until"), field_name="asked_at__date", lookup_expr="lte")
    topic = django_filters.CharFilter(label=_("Topic"), lookup_expr="icontains")

    class Meta:
        model = Consultation
        fields = ["center", "status", "kind", "direction", "methodist", "asked_from", "asked_to", "topic"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            # The choices are where the user's requests are (a methodist id of another center is "not a choice").
            visible = restrict(Consultation.objects.all(), user, VIEW)
            self.filters["center"].queryset = Center.objects.filter(pk__in=visible.values("center"))
            self.filters["methodist"].queryset = get_user_model().objects.filter(
                pk__in=visible.filter(methodist__isnull=False).values("methodist")
            )
        self.filters["direction"].queryset = ContentDirection.objects.filter(is_active=True)
