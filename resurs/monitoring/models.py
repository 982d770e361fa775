"""Monitoring of the municipal education system (SPEC §9; 004 § 1.1, 2.2.1–2.2.9, 5.3–5.5; 000 § 7.1.1).

Only aggregates per organization are stored: counts of participants and marks, never a pupil.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resurs.centers.models import Center
from resurs.common.models import Job, VersionedModel
from resurs.territory.models import Municipality, Organization

ORG_PATHS = {
    "region": "organization__municipality__region_id",
    "municipality": "organization__municipality_id",
    "organization": "organization_id",
}

# The groups a methodology's rules place schools in (004 § 1.1; domain notes §1.4–1.5).
GROUPS = {
    "risk": _("risk group (federal risk indicator)"),
    "low_results": _("low results (ШНОР)"),
    "unstable": _("unstable results"),
    "adverse_social": _("adverse social conditions (ШФНСУ)"),
}
GROUP_CHOICES = list(GROUPS.items())


class Indicator(VersionedModel):
    """An indicator of the state and dynamics of the municipal education system (004 § 2.2.1)."""

    class Level(models.TextChoices):
        ORGANIZATION = "organization", _("organization")
        MUNICIPALITY = "municipality", _("municipality")
        CENTER = "center", _("center")

    class Block(models.TextChoices):
        CONTINGENT = "contingent", _("contingent")
        STAFF = "staff", _("staff")
        RESULTS = "results", _("results")
        OBJECTIVITY = "objectivity", _("objectivity")
        CONDITIONS = "conditions", _("conditions")
        SOCIAL = "social", _("social context")
        SUPPORT = "support", _("support of schools")

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("whole number")
        DECIMAL = "decimal", _("number")
        PERCENT = "percent", _("percent")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")
        NEUTRAL = "neutral", _("neither")

    class Period(models.TextChoices):
        YEAR = "year", _("year")
        HALF_YEAR = "half_year", _("half-year")
        QUARTER = "quarter", _("quarter")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.ORGANIZATION)
    block = models.CharField(_("block"), max_length=20, choices=Block.choices, default=Block.CONTINGENT)
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices, default=ValueType.INTEGER)
    direction = models.CharField(_("better"), max_length=20, choices=Direction.choices, default=Direction.NEUTRAL)
    period = models.CharField(_("period"), max_length=20, choices=Period.choices, default=Period.YEAR)
    formula = models.CharField(
        _("formula"),
        max_length=500,
        blank=True,
        help_text=_("Over other indicators' codes with + - * / and brackets, e.g. STAFF_U35 / STAFF_TOTAL * 100."),
    )
    source = models.CharField(_("data source"), max_length=300, blank=True)
    min_value = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=14, decimal_places=2, null=True, blank=True)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of (the parts add up to it)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    scope_paths = None  # one catalog for the system, like the reference lists

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["block", "sort_order", "code"]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("monitoring:indicator-update", args=[self.pk])

    def clean(self):
        from . import formulas

        errors = {}
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            errors["max_value"] = ValidationError(_("The maximum is below the minimum."), code="value_range")
        if self.formula:
            try:
                names = formulas.names(self.formula)
            except formulas.FormulaError as exc:
                errors["formula"] = ValidationError(str(exc), code="formula")
            else:
                known = set(Indicator.objects.filter(code__in=names).values_list("code", flat=True))
                unknown = sorted(names - known)
                if unknown or self.code in names:
                    errors["formula"] = ValidationError(
                        _("Unknown indicator codes in the formula: %(codes)s.")
                        % {"codes": ", ".join(unknown or [self.code])},
                        code="formula",
                    )
        if self.part_of_id and self.pk and self.part_of_id == self.pk:
            errors["part_of"] = ValidationError(_("An indicator cannot be a part of itself."), code="part_of")
        if errors:
            raise ValidationError(errors)


class DataRequest(VersionedModel):
    """A form of indicators sent to chosen organizations with a deadline (000 § 7.1.1; 004 § 2.2.3)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="data_requests"
    )
    center = models.ForeignKey(
        Center,
        verbose_name=_("sent by the center"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    note = models.TextField(_("instructions"), blank=True)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="requests")

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id", "center": "center_id"}

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-deadline", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("monitoring:request-detail", args=[self.pk])


class DataResponse(VersionedModel):
    """One organization's answer to a data request: filled, submitted, returned for correction, accepted."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("answer", "not started")
        DRAFT = "draft", pgettext_lazy("answer", "draft")
        SUBMITTED = "submitted", pgettext_lazy("answer", "submitted")
        RETURNED = "returned", pgettext_lazy("answer", "returned for correction")
        ACCEPTED = "accepted", pgettext_lazy("answer", "accepted")

    request = models.ForeignKey(
        DataRequest, verbose_name=_("data request"), on_delete=models.CASCADE, related_name="responses"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="data_responses"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    values = models.JSONField(_("values"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_comment = models.TextField(_("what to correct"), blank=True)
    reminders = models.PositiveIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    scope_paths = {
        "region": "request__municipality__region_id",
        "municipality": "request__municipality_id",
        "organization": "organization_id",
        "center": "request__center_id",
    }

    class Meta:
        verbose_name = _("data request answer")
        verbose_name_plural = _("data request answers")
        ordering = ["request", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organization"],
                name="monitoring_response_one_per_org",
                violation_error_code="duplicate",
            )
        ]

    def __str__(self):
        return f"{self.request.title}: {self.organization}"

    def get_absolute_url(self):
        return reverse("monitoring:response-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in (self.Status.PENDING, self.Status.DRAFT, self.Status.RETURNED)


class IndicatorValue(models.Model):
    """The value of an organization's indicator for a year, as submitted in a data request (dynamics, social index)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    response = models.ForeignKey(
        DataResponse, verbose_name=_("from the answer"), null=True, blank=True, on_delete=models.SET_NULL
    )

    scope_paths = ORG_PATHS

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["organization", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "indicator", "year"],
                name="monitoring_value_unique",
                violation_error_code="duplicate",
            )
        ]

    def __str__(self):
        return f"{self.organization} {self.indicator.code} {self.year}: {self.value}"


class AssessmentResult(models.Model):
    """Aggregates of one assessment procedure (ВПР, ОГЭ, ЕГЭ) of an organization: year, subject, grade, counts."""

    class Procedure(models.TextChoices):
        VPR = "vpr", _("VPR")
        OGE = "oge", _("OGE")
        EGE = "ege", _("EGE")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="assessment_results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    procedure = models.CharField(_("procedure"), max_length=10, choices=Procedure.choices)
    subject = models.CharField(_("subject"), max_length=100)
    grade = models.PositiveSmallIntegerField(_("grade"))
    participants = models.PositiveIntegerField(_("participants"))
    mark2 = models.PositiveIntegerField(_("marks «2»"), null=True, blank=True)
    mark3 = models.PositiveIntegerField(_("marks «3»"), null=True, blank=True)
    mark4 = models.PositiveIntegerField(_("marks «4»"), null=True, blank=True)
    mark5 = models.PositiveIntegerField(_("marks «5»"), null=True, blank=True)
    average_score = models.DecimalField(_("average score"), max_digits=6, decimal_places=2, null=True, blank=True)
    below_minimum = models.PositiveIntegerField(_("below the minimum"), null=True, blank=True)
    marks_confirmed = models.PositiveIntegerField(_("marks confirmed by the journal"), null=True, blank=True)
    marks_lowered = models.PositiveIntegerField(_("marks below the journal"), null=True, blank=True)
    marks_raised = models.PositiveIntegerField(_("marks above the journal"), null=True, blank=True)

    scope_paths = ORG_PATHS

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        ordering = ["-year", "organization__short_name", "procedure", "subject", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "procedure", "subject", "grade"],
                name="monitoring_result_unique",
                violation_error_code="duplicate",
            )
        ]
        indexes = [models.Index(fields=["year", "organization"])]

    def __str__(self):
        return f"{self.get_procedure_display()} {self.subject} {self.grade} — {self.organization} {self.year}"

    @property
    def marks(self):
        return (self.mark2, self.mark3, self.mark4, self.mark5)

    @property
    def low_count(self):
        """Participants below the minimum: given, or else the «2» marks (the upper bound of «2» is the minimum)."""
        return self.below_minimum if self.below_minimum is not None else self.mark2

    def clean(self):
        errors = {}
        marks = self.marks
        given = [m for m in marks if m is not None]
        if self.procedure in (self.Procedure.VPR, self.Procedure.OGE) and len(given) != 4:
            errors["mark2"] = ValidationError(_("Give the number of every mark from «2» to «5»."), code="marks")
        if given and len(given) != 4:
            errors["mark2"] = ValidationError(_("Give the number of every mark from «2» to «5»."), code="marks")
        if len(given) == 4 and self.participants is not None and sum(given) != self.participants:
            errors["participants"] = ValidationError(
                _("The marks add up to %(sum)s, not to the %(n)s participants.")
                % {"sum": sum(given), "n": self.participants},
                code="marks_sum",
            )
        if self.procedure == self.Procedure.EGE and self.below_minimum is None:
            errors["below_minimum"] = ValidationError(
                _("Give the number of participants below the minimum score."), code="below_minimum"
            )
        if self.below_minimum is not None and self.participants is not None and self.below_minimum > self.participants:
            errors["below_minimum"] = ValidationError(
                _("More participants below the minimum than participants."), code="below_minimum"
            )
        journal = [m for m in (self.marks_confirmed, self.marks_lowered, self.marks_raised) if m is not None]
        if journal and self.participants is not None and sum(journal) > self.participants:
            errors["marks_confirmed"] = ValidationError(
                _("More marks compared with the journal than participants."), code="journal_sum"
            )
        if self.grade is not None and not 1 <= self.grade <= 11:
            errors["grade"] = ValidationError(_("The grade is from 1 to 11."), code="grade")
        if errors:
            raise ValidationError(errors)


class Methodology(VersionedModel):
    """A methodology of identifying ШНОР/ШФНСУ (004 § 1.1, 2.2.2): its rules live in immutable numbered versions."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    scope_paths = None  # shared by the region's municipalities; every run records the version it used

    class Meta:
        verbose_name = _("identification methodology")
        verbose_name_plural = _("identification methodologies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("monitoring:methodology-detail", args=[self.pk])

    @property
    def current(self):
        return self.versions.order_by("-number").first()


class MethodologyVersion(models.Model):
    """One version of a methodology's rule set: never changed once saved, so every run can be explained later."""

    methodology = models.ForeignKey(
        Methodology, verbose_name=_("methodology"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    rules = models.JSONField(_("rules"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = None

    class Meta:
        verbose_name = _("methodology version")
        verbose_name_plural = _("methodology versions")
        ordering = ["methodology", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["methodology", "number"], name="monitoring_version_unique", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return f"{self.methodology} v{self.number}"


class IdentificationRun(models.Model):
    """A run of a methodology version for one municipality and year: parameters recorded, results per school."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="identification_runs"
    )
    methodology_version = models.ForeignKey(
        MethodologyVersion, verbose_name=_("methodology version"), on_delete=models.PROTECT, related_name="runs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    parameters = models.JSONField(_("parameters"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    job = models.ForeignKey(Job, verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    school_count = models.PositiveIntegerField(_("schools"), default=0)
    group_counts = models.JSONField(_("schools per group"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id"}

    class Meta:
        verbose_name = _("identification run")
        verbose_name_plural = _("identification runs")
        ordering = ["-year", "-created_at"]

    def __str__(self):
        return _("%(methodology)s for %(year)s, %(municipality)s") % {
            "methodology": self.methodology_version,
            "year": self.year,
            "municipality": self.municipality,
        }

    def get_absolute_url(self):
        return reverse("monitoring:run-detail", args=[self.pk])


class RunResult(models.Model):
    """What a run found for one school: its groups and, rule by rule, why, with the numbers."""

    run = models.ForeignKey(IdentificationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results")
    organization = models.ForeignKey(Organization, verbose_name=_("school"), on_delete=models.PROTECT, related_name="+")
    groups = models.JSONField(_("groups"), default=list)
    explanation = models.JSONField(_("explanation"), default=list)

    scope_paths = {
        "region": "run__municipality__region_id",
        "municipality": "run__municipality_id",
        "organization": "organization_id",
    }

    class Meta:
        verbose_name = _("identification result")
        verbose_name_plural = _("identification results")
        ordering = ["run", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "organization"], name="monitoring_result_per_school", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return f"{self.organization}: {', '.join(self.groups) or '—'}"

    def get_absolute_url(self):
        return reverse("monitoring:run-school", args=[self.run_id, self.organization_id])

    @property
    def group_labels(self):
        return [str(GROUPS.get(g, g)) for g in self.groups]


class SupportCase(VersionedModel):
    """Support of an identified school (004 § 5.3–5.5): supporting centers, partner schools and a plan of steps."""

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        CLOSED = "closed", _("completed")

    organization = models.ForeignKey(
        Organization, verbose_name=_("school"), on_delete=models.PROTECT, related_name="support_cases"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(_("group"), max_length=20, choices=GROUP_CHOICES)
    run = models.ForeignKey(
        IdentificationRun,
        verbose_name=_("identified by the run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_cases",
    )
    supporting_centers = models.ManyToManyField(
        Center, verbose_name=_("supporting centers"), blank=True, related_name="support_cases"
    )
    partner_schools = models.ManyToManyField(
        Organization, verbose_name=_("partner schools"), blank=True, related_name="partner_support_cases"
    )
    goal = models.TextField(_("goal of the support"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)

    scope_paths = {**ORG_PATHS, "center": "supporting_centers__id"}
    scope_multi_valued = True

    class Meta:
        verbose_name = _("support of a school")
        verbose_name_plural = _("support of schools")
        ordering = ["-year", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "group"],
                name="monitoring_support_unique",
                violation_error_code="duplicate_support",
                violation_error_message=_("The school already has a support plan for this group and year."),
            )
        ]

    def __str__(self):
        return _("Support of %(school)s, %(year)s") % {"school": self.organization, "year": self.year}

    def get_absolute_url(self):
        return reverse("monitoring:support-detail", args=[self.pk])


class SupportStep(VersionedModel):
    """A step of a support plan: what, who is responsible, by when, and its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(SupportCase, verbose_name=_("support"), on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=500)
    responsible = models.CharField(_("responsible"), max_length=300)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    result = models.TextField(_("result"), blank=True)

    scope_paths = {
        "region": "case__organization__municipality__region_id",
        "municipality": "case__organization__municipality_id",
        "organization": "case__organization_id",
        "center": "case__supporting_centers__id",
    }
    scope_multi_valued = True

    class Meta:
        verbose_name = _("support step")
        verbose_name_plural = _("support steps")
        ordering = ["case", "deadline", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:support-detail", args=[self.case_id])
