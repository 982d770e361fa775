"""One FilterSet for the events list page and the API (SPEC §6), and one for registrations in the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Subject, WorkForm
from resurs.centers.models import Center
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict

from .models import Certificate, Event, Feedback, Registration


class EventFilterSet(ScopedFilterSet):
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Event.Status.choices)
    form = django_filters.ModelChoiceFilter(label=_("Form of work"), queryset=WorkForm.objects.all())
    event_format = django_filters.ChoiceFilter(label=_("Format"), field_name="format", choices=Event.Format.choices)
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=Subject.objects.all(), distinct=True
    )
    starts_from = django_filters.DateFilter(label=_("Starts from"), field_name="starts_at__date", lookup_expr="gte")
    starts_to = django_filters.DateFilter(label=_("Starts until"), field_name="starts_at__date", lookup_expr="lte")
    title = django_filters.CharFilter(label=_("Title"), lookup_expr="icontains")

    class Meta:
        model = Event
        fields = ["center", "status", "form", "event_format", "subject", "starts_from", "starts_to", "title"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            events = restrict(Event.objects.all(), user, "events.event:view")
            self.filters["center"].queryset = Center.objects.filter(pk__in=events.values("center"))
        self.filters["form"].queryset = WorkForm.objects.filter(is_active=True)
        self.filters["subject"].queryset = Subject.objects.filter(is_active=True)


class RegistrationFilterSet(ScopedFilterSet):
    event = django_filters.NumberFilter(label=_("Event"))
    teacher = django_filters.NumberFilter(label=_("Teacher"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["event", "teacher", "status"]


class CertificateFilterSet(ScopedFilterSet):
    event = django_filters.NumberFilter(label=_("Event"))
    teacher = django_filters.NumberFilter(label=_("Teacher"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Certificate.Status.choices)
    number = django_filters.CharFilter(label=_("Number"), lookup_expr="iexact")

    class Meta:
        model = Certificate
        fields = ["event", "teacher", "status", "number"]


class FeedbackFilterSet(ScopedFilterSet):
    event = django_filters.NumberFilter(label=_("Event"), field_name="registration__event")

    class Meta:
        model = Feedback
        fields = ["event"]
