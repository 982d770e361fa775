"""Teacher development (SPEC §8): diagnostics of professional deficits, individual educational routes (ИОМ) with
their steps, professional development courses, sharing of experience, mentoring and attestation (001 § 2.1–2.2, 3.2,
5.9, appendix 2; 004 § 2.2.5, 5.5).

Every record belongs to a teacher and is scoped through the teacher: the department sees its municipality, an
organization administrator its organization, a teacher their own records; a center's methodists see the teachers
they support — the members of the center's associations (ГМО) — and the records their center made (ADR 0018).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resurs.catalogs.models import Competence, QualificationCategory
from resurs.centers.models import Center
from resurs.common.models import VersionedModel
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.products.models import Product
from resurs.territory.models import Municipality, Organization

# Categories granted under the Order of 24.03.2023 № 196 (in force from 01.09.2023) have no end date; those granted
# before keep the end date they were granted with (domain notes §2.1).
PERPETUAL_CATEGORIES_FROM = datetime.date(2023, 9, 1)


def teacher_paths(prefix="teacher", center=()):
    """Scope paths of a record of one teacher; `center` adds the paths of the center that made the record."""
    return {
        "region": f"{prefix}__region_id",
        "municipality": f"{prefix}__municipality_id",
        "organization": f"{prefix}__organization_id",
        "center": [f"{prefix}__associations__center_id", *center],
        "self": f"{prefix}__user_id",
    }


class DiagnosticProcedure(VersionedModel):
    """A diagnostic of professional deficits (001 § 3.2.2; 004 § 2.2.5): its level, date, instrument and threshold."""

    class Level(models.TextChoices):
        FEDERAL = "federal", _("federal")
        REGIONAL = "regional", _("regional")
        MUNICIPAL = "municipal", _("municipal")
        SCHOOL = "school", _("school")

    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    held_on = models.DateField(_("date"))
    instrument = models.CharField(
        _("instrument"), max_length=300, blank=True, help_text=_("Test, case, lesson analysis…")
    )
    threshold = models.DecimalField(
        _("threshold, %"),
        max_digits=5,
        decimal_places=2,
        default=50,
        help_text=_("A result below this share of the maximum is a deficit."),
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a school-level diagnostic."),
    )
    center = models.ForeignKey(
        Center, verbose_name=_("center"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_paths = {
        "region": "municipality__region_id",
        "municipality": "municipality_id",
        "organization": "organization_id",
        "center": "center_id",
    }

    class Meta:
        verbose_name = _("diagnostic procedure")
        verbose_name_plural = _("diagnostic procedures")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=0) & Q(threshold__lte=100),
                name="diagnostic_threshold_range",
                violation_error_code="threshold_range",
                violation_error_message=_("The threshold is a share from 0 to 100."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("development:procedure-detail", args=[self.pk])

    def clean(self):
        if self.organization_id and self.municipality_id and self.organization.municipality_id != self.municipality_id:
            raise ValidationError(
                {
                    "organization": ValidationError(
                        _("The organization must be of the procedure's municipality."), code="organization"
                    )
                }
            )
        if self.center_id and self.municipality_id and self.center.organization.municipality_id != self.municipality_id:
            raise ValidationError(
                {"center": ValidationError(_("The center must be of the procedure's municipality."), code="center")}
            )


class DiagnosticResult(VersionedModel):
    """A teacher's result in one competence of a diagnostic; under the procedure's threshold it is a deficit."""

    procedure = models.ForeignKey(
        DiagnosticProcedure, verbose_name=_("diagnostic"), on_delete=models.CASCADE, related_name="results"
    )
    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="diagnostic_results"
    )
    competence = models.ForeignKey(Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    max_score = models.DecimalField(_("maximum"), max_digits=7, decimal_places=2)
    level = models.CharField(_("level"), max_length=100, blank=True, help_text=_("As the instrument names it."))
    # Set from the score, the maximum and the procedure's threshold on every save (services.result_is_deficit).
    is_deficit = models.BooleanField(_("deficit"), default=False, editable=False)

    scope_paths = teacher_paths(center=["procedure__center_id"])
    scope_multi_valued = True

    class Meta:
        verbose_name = _("diagnostic result")
        verbose_name_plural = _("diagnostic results")
        ordering = ["teacher__surname", "teacher__name", "competence__code", "id"]
        indexes = [models.Index(fields=["teacher", "competence"])]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "teacher", "competence"],
                name="diagnostic_result_unique",
                violation_error_code="duplicate_result",
                violation_error_message=_("The teacher already has a result in this competence of this diagnostic."),
            ),
            models.CheckConstraint(
                condition=Q(max_score__gt=0) & Q(score__gte=0) & Q(score__lte=F("max_score")),
                name="diagnostic_score_range",
                violation_error_code="score_range",
                violation_error_message=_("The score must be from 0 to the maximum, and the maximum above 0."),
            ),
        ]

    def __str__(self):
        return f"{self.teacher}: {self.competence.code} {self.score}/{self.max_score}"

    def get_absolute_url(self):
        return reverse("development:result-detail", args=[self.pk])

    @property
    def percent(self):
        return round(self.score * 100 / self.max_score, 1) if self.max_score else None

    def clean(self):
        if self.score is not None and self.max_score is not None and not (0 <= self.score <= self.max_score):
            raise ValidationError(
                {
                    "score": ValidationError(
                        _("The score must be from 0 to the maximum, and the maximum above 0."), code="score_range"
                    )
                }
            )
        if self.max_score is not None and self.max_score <= 0:
            raise ValidationError({"max_score": ValidationError(_("The maximum must be above 0."), code="score_range")})

    def save(self, *args, **kwargs):
        self.is_deficit = self.score * 100 < self.procedure.threshold * self.max_score
        super().save(*args, **kwargs)


class Route(VersionedModel):
    """An individual educational route (ИОМ, 001 § 2.2, 3.2.3; 004 § 5.5): deficits addressed, goals, steps, tutor."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREED = "agreed", _("agreed with the tutor")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        CLOSED = "closed", _("closed")

    class Basis(models.TextChoices):
        # 001 appendix 2 counts routes made at the ЦНППМ apart from the individual plans of organizations.
        CNPPM = "cnppm", _("at the center for continuous professional development (ЦНППМ)")
        ORGANIZATION = "organization", _("in the organization or professional association")

    teacher = models.ForeignKey(Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="routes")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    basis = models.CharField(_("made"), max_length=20, choices=Basis.choices, default=Basis.ORGANIZATION)
    center = models.ForeignKey(
        Center,
        verbose_name=_("supporting center"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tutor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tutored_routes",
    )
    deficits = models.ManyToManyField(
        DiagnosticResult, verbose_name=_("deficits addressed"), blank=True, related_name="routes"
    )
    goals = models.TextField(_("goals and tasks"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    agreed_at = models.DateTimeField(_("agreed"), null=True, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    rediagnosis = models.ForeignKey(
        DiagnosticProcedure,
        verbose_name=_("re-diagnosis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = teacher_paths(center=["center_id"])
    scope_multi_valued = True

    class Meta:
        verbose_name = _("individual educational route")
        verbose_name_plural = _("individual educational routes")
        ordering = ["-period_start", "teacher__surname", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="route_period_order",
                violation_error_code="period",
                violation_error_message=_("The period cannot end before it starts."),
            )
        ]

    def __str__(self):
        return _("Route of %(teacher)s, %(start)s — %(end)s") % {
            "teacher": self.teacher,
            "start": self.period_start.strftime("%d.%m.%Y"),
            "end": self.period_end.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("development:route-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in (self.Status.DRAFT, self.Status.AGREED, self.Status.IN_PROGRESS)


class RouteStep(models.Model):
    """A step of a route: an event, a course, a product to study, mentoring, self-education or an open lesson."""

    class Kind(models.TextChoices):
        EVENT = "event", pgettext_lazy("route step", "event")
        COURSE = "course", _("course")
        PRODUCT = "product", _("product to study")
        MENTORING = "mentoring", _("mentoring")
        SELF_EDUCATION = "self_education", _("self-education")
        OPEN_LESSON = "open_lesson", _("open lesson to give")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    route = models.ForeignKey(Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("content"), max_length=500)
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    evidence_file = models.FileField(_("evidence file"), upload_to="development/evidence/%Y/%m/", blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_note = models.CharField(_("evidence"), max_length=500, blank=True)
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    # Done automatically: the teacher was marked present at the linked event (the attendance is the evidence).
    by_attendance = models.BooleanField(_("confirmed by attendance"), default=False, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    scope_paths = {
        k: [f"route__{p}" for p in (v if isinstance(v, list) else [v])] for k, v in Route.scope_paths.items()
    }
    scope_multi_valued = True

    class Meta:
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        ordering = ["route", "deadline", "sort_order", "id"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.title


class Course(VersionedModel):
    """A professional development course a teacher took (курсы повышения квалификации; 001 appendix 2)."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("full-time")
        DISTANCE = "distance", _("distance learning")

    teacher = models.ForeignKey(Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="courses")
    provider = models.CharField(_("provider"), max_length=300)
    program = models.CharField(_("program"), max_length=500)
    hours = models.PositiveSmallIntegerField(_("hours"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    study_form = models.CharField(_("form of study"), max_length=20, choices=Format.choices)
    direction = models.CharField(_("direction"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)

    scope_paths = teacher_paths()
    scope_multi_valued = True

    class Meta:
        verbose_name = _("professional development course")
        verbose_name_plural = _("professional development courses")
        ordering = ["-ends_on", "teacher__surname", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="course_period_order",
                violation_error_code="period",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["teacher", "program", "starts_on"],
                name="course_unique",
                violation_error_code="duplicate_course",
                violation_error_message=_("The teacher already has this course with this start date."),
            ),
        ]

    def __str__(self):
        return f"{self.program} ({self.hours} ч)"

    def get_absolute_url(self):
        return reverse("development:course-detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("The period cannot end before it starts."), code="period")}
            )


class ExperienceSharing(VersionedModel):
    """Where a teacher presented their experience (001 appendix 2): school association, pedagogical council, ГМО."""

    class Venue(models.TextChoices):
        SCHOOL_ASSOCIATION = "school_association", _("school methodological association")
        PEDAGOGICAL_COUNCIL = "pedagogical_council", _("pedagogical council")
        CITY_ASSOCIATION = "city_association", _("city methodological association")

    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="experience_sharings"
    )
    venue = models.CharField(_("where"), max_length=30, choices=Venue.choices)
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=500)

    scope_paths = teacher_paths()
    scope_multi_valued = True

    class Meta:
        verbose_name = _("presentation of experience")
        verbose_name_plural = _("presentations of experience")
        ordering = ["-held_on", "id"]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("development:experience-detail", args=[self.pk])


class MentoringPair(VersionedModel):
    """A mentor and a mentee for a period with a plan and a result (001 § 3.3, 5.9)."""

    mentor = models.ForeignKey(Teacher, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentees")
    mentee = models.ForeignKey(Teacher, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="mentors")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    plan = models.TextField(_("plan"), blank=True)
    result = models.TextField(_("result"), blank=True)

    scope_paths = teacher_paths("mentee") | {"self": ["mentee__user_id", "mentor__user_id"]}
    scope_multi_valued = True

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="mentoring_not_self",
                violation_error_code="mentor_self",
                violation_error_message=_("A teacher cannot mentor themselves."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="mentoring_period_order",
                violation_error_code="period",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    def get_absolute_url(self):
        return reverse("development:mentoring-detail", args=[self.pk])

    def clean(self):
        if self.mentor_id and self.mentor_id == self.mentee_id:
            raise ValidationError(
                {"mentee": ValidationError(_("A teacher cannot mentor themselves."), code="mentor_self")}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("The period cannot end before it starts."), code="period")}
            )


class Attestation(VersionedModel):
    """A qualification category granted by order (Order № 196 of 24.03.2023): from 01.09.2023 without end date."""

    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="attestations"
    )
    category = models.ForeignKey(
        QualificationCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("granted on"))
    order_number = models.CharField(_("order number"), max_length=100)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    expires_on = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Only for a category granted before 01.09.2023; later ones have no end date."),
    )

    scope_paths = teacher_paths()
    scope_multi_valued = True

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.teacher}: {self.category} ({self.decided_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("development:attestation-detail", args=[self.pk])

    def clean(self):
        if self.decided_on is None:
            return
        if self.decided_on >= PERPETUAL_CATEGORIES_FROM and self.expires_on is not None:
            raise ValidationError(
                {
                    "expires_on": ValidationError(
                        _("A category granted from 01.09.2023 has no end date."), code="perpetual_category"
                    )
                }
            )
        if self.decided_on < PERPETUAL_CATEGORIES_FROM and self.expires_on is None:
            raise ValidationError(
                {
                    "expires_on": ValidationError(
                        _("Give the end date of a category granted before 01.09.2023."), code="expiry_required"
                    )
                }
            )
        if self.expires_on is not None and self.expires_on <= self.decided_on:
            raise ValidationError(
                {
                    "expires_on": ValidationError(
                        _("The category cannot expire before it was granted."), code="expiry_required"
                    )
                }
            )


class RecommendationSet(models.Model):
    """The proposals computed for one teacher by the background job (plain ids and scores, re-read when shown)."""

    teacher = models.OneToOneField(
        Teacher, verbose_name=_("teacher"), on_delete=models.CASCADE, related_name="recommendation_set"
    )
    computed_at = models.DateTimeField(_("computed"))
    # [[competence id, deficit result id, "e" | "p", event or product id, fit], …] (services.compact)
    items = models.JSONField(_("proposals"), default=list)
    count = models.PositiveIntegerField(_("number of proposals"), default=0)

    scope_paths = teacher_paths()
    scope_multi_valued = True

    class Meta:
        verbose_name = _("recommendations of a teacher")
        verbose_name_plural = _("recommendations of teachers")
        ordering = ["teacher_id"]

    def __str__(self):
        return str(self.teacher_id)
