"""FilterSets of the development lists: one per list, shared by the page, the API and the export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Competence
from resurs.common.filtersets import ScopedFilterSet
from resurs.territory.models import Organization

from .models import (
    Attestation,
    Course,
    DiagnosticProcedure,
    DiagnosticResult,
    ExperienceSharing,
    MentoringPair,
    Route,
    RouteStep,
)


class TeacherFilterMixin(django_filters.FilterSet):
    teacher = django_filters.NumberFilter(label=_("Teacher (id)"), field_name="teacher_id")
    surname = django_filters.CharFilter(label=_("Surname"), field_name="teacher__surname", lookup_expr="istartswith")
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), field_name="teacher__organization", queryset=Organization.objects.all()
    )
    scoped_choices = {"organization": "territory.organization:view"}


class ProcedureFilterSet(ScopedFilterSet):
    level = django_filters.ChoiceFilter(label=_("Level"), choices=DiagnosticProcedure.Level.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="held_on__year")

    class Meta:
        model = DiagnosticProcedure
        fields = ["level", "year"]


class ResultFilterSet(TeacherFilterMixin, ScopedFilterSet):
    procedure = django_filters.NumberFilter(label=_("Diagnostic (id)"), field_name="procedure_id")
    competence = django_filters.ModelChoiceFilter(label=_("Competence"), queryset=Competence.objects.all())
    is_deficit = django_filters.BooleanFilter(label=_("Deficit"))

    class Meta:
        model = DiagnosticResult
        fields = ["procedure", "teacher", "surname", "organization", "competence", "is_deficit"]


class RouteFilterSet(TeacherFilterMixin, ScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Route.Status.choices)
    basis = django_filters.ChoiceFilter(label=_("Made"), choices=Route.Basis.choices)
    year = django_filters.NumberFilter(label=_("Period starts in"), field_name="period_start__year")

    class Meta:
        model = Route
        fields = ["teacher", "surname", "organization", "status", "basis", "year"]


class CourseFilterSet(TeacherFilterMixin, ScopedFilterSet):
    study_form = django_filters.ChoiceFilter(label=_("Form of study"), choices=Course.Format.choices)
    direction = django_filters.CharFilter(label=_("Direction"), lookup_expr="icontains")
    year = django_filters.NumberFilter(label=_("Finished in"), field_name="ends_on__year")

    class Meta:
        model = Course
        fields = ["teacher", "surname", "organization", "study_form", "direction", "year"]


class ExperienceFilterSet(TeacherFilterMixin, ScopedFilterSet):
    venue = django_filters.ChoiceFilter(label=_("Where"), choices=ExperienceSharing.Venue.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="held_on__year")

    class Meta:
        model = ExperienceSharing
        fields = ["teacher", "surname", "organization", "venue", "year"]


class MentoringFilterSet(ScopedFilterSet):
    mentee = django_filters.NumberFilter(label=_("Mentee (id)"), field_name="mentee_id")
    mentor = django_filters.NumberFilter(label=_("Mentor (id)"), field_name="mentor_id")
    running = django_filters.BooleanFilter(label=_("Running"), field_name="ends_on", lookup_expr="isnull")

    class Meta:
        model = MentoringPair
        fields = ["mentee", "mentor", "running"]


class AttestationFilterSet(TeacherFilterMixin, ScopedFilterSet):
    year = django_filters.NumberFilter(label=_("Granted in"), field_name="decided_on__year")

    class Meta:
        model = Attestation
        fields = ["teacher", "surname", "organization", "year"]


class StepFilterSet(ScopedFilterSet):
    route = django_filters.NumberFilter(label=_("Route (id)"), field_name="route_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RouteStep.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RouteStep.Kind.choices)

    class Meta:
        model = RouteStep
        fields = ["route", "status", "kind"]
