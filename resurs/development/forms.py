"""Forms of teacher development: each choice list holds exactly what the rule allows (ADR 0012) — teachers the user
may make records for, procedures and centers in scope, the teacher's own deficits, events open to proposals."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.accounts.models import Role, User
from resurs.catalogs.models import Competence, QualificationCategory
from resurs.centers.models import Center
from resurs.common.forms import StyledFormMixin, VersionedModelForm
from resurs.common.scoping import restrict
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.products.selectors import published_products
from resurs.territory.models import Municipality, Organization

from . import selectors
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


class TeacherFieldsMixin:
    """Teacher choices: the teachers the user may make records of this kind for (and the record's current one)."""

    teacher_fields = ("teacher",)
    teacher_code = None

    def limit_teachers(self, user):
        for name in self.teacher_fields:
            allowed = Q(pk__in=selectors.teachers_for(user, self.teacher_code).values("pk"))
            current = getattr(self.instance, f"{name}_id", None)
            if current:
                allowed |= Q(pk=current)
            self.fields[name].queryset = (
                Teacher.objects.filter(allowed).select_related("organization").order_by("surname", "name", "id")
            )


class ProcedureForm(VersionedModelForm):
    class Meta:
        model = DiagnosticProcedure
        fields = ["title", "level", "held_on", "instrument", "threshold", "municipality", "organization", "center"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = "development.diagnosticprocedure:change" if self.instance.pk else "development.diagnosticprocedure:add"
        centers = restrict(Center.objects.filter(status="active"), user, code)
        self.fields["center"].queryset = centers
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=[
                *restrict(Municipality.objects.all(), user, code).values_list("pk", flat=True),
                *centers.values_list("organization__municipality", flat=True),
            ]
        )
        self.fields["municipality"].required = True
        self.fields["organization"].queryset = Organization.objects.filter(
            municipality__in=self.fields["municipality"].queryset
        )


class ResultForm(TeacherFieldsMixin, VersionedModelForm):
    class Meta:
        model = DiagnosticResult
        fields = ["procedure", "teacher", "competence", "score", "max_score", "level"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = (
            "development.diagnosticresult:change" if self.instance.pk else "development.diagnosticresult:add"
        )
        self.fields["procedure"].queryset = restrict(DiagnosticProcedure.objects.all(), user, self.teacher_code)
        self.fields["competence"].queryset = Competence.objects.filter(is_active=True)
        self.limit_teachers(user)


class RouteForm(TeacherFieldsMixin, VersionedModelForm):
    class Meta:
        model = Route
        fields = ["teacher", "period_start", "period_end", "basis", "center", "tutor", "goals", "deficits"]
        widgets = {"deficits": forms.CheckboxSelectMultiple, "goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = "development.route:change" if self.instance.pk else "development.route:add"
        self.limit_teachers(user)
        if self.instance.pk:
            self.fields["teacher"].disabled = True
            teacher_id = self.instance.teacher_id
            self.fields["deficits"].queryset = DiagnosticResult.objects.filter(
                teacher_id=teacher_id, is_deficit=True
            ).select_related("competence", "procedure")
        else:
            # Deficits are picked once the route exists (they are the chosen teacher's own).
            del self.fields["deficits"]
        self.fields["center"].queryset = Center.objects.filter(status="active").select_related("organization")
        self.fields["tutor"].queryset = tutors()


def tutors():
    """Users holding a role that agrees routes (the service checks that the tutor reaches the teacher)."""
    roles = [r.pk for r in Role.objects.all() if "development.route:agree" in (r.permissions or [])]
    return User.objects.filter(is_active=True, assignments__role__in=roles).distinct().order_by("last_name", "id")


class StepForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RouteStep
        fields = ["kind", "title", "competence", "event", "product", "deadline"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = Competence.objects.filter(is_active=True)
        self.fields["product"].queryset = published_products().order_by("title")
        self.fields["event"].queryset = Event.objects.filter(
            status__in=(Event.Status.PUBLISHED, Event.Status.OPEN, Event.Status.CLOSED, Event.Status.HELD)
        ).order_by("-starts_at")


class StepCompleteForm(StyledFormMixin, forms.Form):
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False)
    evidence_note = forms.CharField(label=_("Evidence"), required=False, max_length=500)


class TransitionForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for closing"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reflection = forms.CharField(label=_("Reflection"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rediagnosis = forms.ModelChoiceField(
        label=_("Re-diagnosis"), queryset=DiagnosticProcedure.objects.none(), required=False
    )


class CourseForm(TeacherFieldsMixin, VersionedModelForm):
    class Meta:
        model = Course
        fields = [
            "teacher",
            "provider",
            "program",
            "hours",
            "starts_on",
            "ends_on",
            "study_form",
            "direction",
            "document_number",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = "development.course:change" if self.instance.pk else "development.course:add"
        self.limit_teachers(user)


class ExperienceForm(TeacherFieldsMixin, VersionedModelForm):
    class Meta:
        model = ExperienceSharing
        fields = ["teacher", "venue", "held_on", "topic"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = (
            "development.experiencesharing:change" if self.instance.pk else "development.experiencesharing:add"
        )
        self.limit_teachers(user)


class MentoringForm(TeacherFieldsMixin, VersionedModelForm):
    teacher_fields = ("mentor", "mentee")

    class Meta:
        model = MentoringPair
        fields = ["mentor", "mentee", "starts_on", "ends_on", "plan", "result"]
        widgets = {"plan": forms.Textarea(attrs={"rows": 3}), "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = "development.mentoringpair:change" if self.instance.pk else "development.mentoringpair:add"
        self.limit_teachers(user)


class AttestationForm(TeacherFieldsMixin, VersionedModelForm):
    class Meta:
        model = Attestation
        fields = ["teacher", "category", "decided_on", "order_number", "order_date", "expires_on"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher_code = "development.attestation:change" if self.instance.pk else "development.attestation:add"
        self.limit_teachers(user)
        self.fields["category"].queryset = QualificationCategory.objects.filter(is_active=True)


class MonthsForm(StyledFormMixin, forms.Form):
    months = forms.IntegerField(label=_("Months ahead"), min_value=1, max_value=60, initial=6, required=False)


class AnalysisForm(StyledFormMixin, forms.Form):
    association = forms.ModelChoiceField(label=_("Association"), queryset=None)
    year = forms.IntegerField(label=_("Academic year from"), min_value=2000, max_value=2100)

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
