"""One FilterSet for the teacher list page, the API and the XLSX export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.common.filtersets import ScopedFilterSet, pk_or_none
from resurs.territory.models import Municipality, Organization

from .models import Teacher


class TeacherFilterSet(ScopedFilterSet):
    scoped_choices = {"organization": "territory.organization:view", "municipality": "territory.municipality:view"}

    q = django_filters.CharFilter(label=_("Search"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), field_name="municipality", queryset=Municipality.objects.all()
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=Organization.objects.only("pk", "short_name")
    )
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=Subject.objects.all()
    )
    position = django_filters.ModelChoiceFilter(label=_("Position"), queryset=Position.objects.all())
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=QualificationCategory.objects.all())
    experience_min = django_filters.NumberFilter(
        label=_("Experience from, years"), field_name="experience_total", lookup_expr="gte"
    )
    experience_max = django_filters.NumberFilter(
        label=_("Experience to, years"), field_name="experience_total", lookup_expr="lte"
    )
    is_young_specialist = django_filters.BooleanFilter(label=_("Young specialist"))
    is_innovator = django_filters.BooleanFilter(label=_("Innovator"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort"),
        fields=(
            ("surname", "surname"),
            ("organization__short_name", "organization"),
            ("experience_total", "experience"),
            ("category_expires_on", "category_expires"),
        ),
        field_labels={
            "surname": _("Full name"),
            "organization__short_name": _("Organization"),
            "experience_total": _("Experience"),
            "category_expires_on": _("Category expiry"),
        },
    )

    class Meta:
        model = Teacher
        fields = ["q", "municipality", "organization", "subject", "position", "category"]

    ORGANIZATION_CHOICES_LIMIT = 300

    @property
    def form(self):
        """A regional operator reaches 1,500 organizations: list them per chosen municipality, not all at once."""
        if not hasattr(self, "_form"):
            form = super().form
            field = form.fields["organization"]
            municipality = pk_or_none(self.data.get("municipality")) if self.data else None
            if municipality is not None:
                field.queryset = field.queryset.filter(municipality_id=municipality)
            elif field.queryset.count() > self.ORGANIZATION_CHOICES_LIMIT:
                chosen = pk_or_none(self.data.get("organization")) if self.data else None
                selected = list(field.queryset.filter(pk=chosen)) if chosen is not None else []
                field.widget.choices = [("", _("— choose a municipality first —"))] + [(o.pk, str(o)) for o in selected]
        return self._form

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:4]:
            condition &= (
                Q(surname__icontains=word)
                | Q(name__icontains=word)
                | Q(patronymic__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset.filter(condition)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("subject"):
            queryset = queryset.distinct()
        return queryset
