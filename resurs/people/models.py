"""Teacher registry (SPEC §3): pedagogical workers with their jobs, category, experience and consent (152-ФЗ)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.common.models import VersionedModel
from resurs.territory.models import Municipality, Organization, Region

YOUNG_SPECIALIST_YEARS = 3


class Teacher(VersionedModel):
    """A pedagogical worker. The main job's organization sets the record's scope."""

    class Gender(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")

    surname = models.CharField(_("surname"), max_length=100)
    name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization (main job)"), on_delete=models.PROTECT, related_name="teachers"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="teachers"
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="teachers")
    category = models.ForeignKey(
        QualificationCategory,
        verbose_name=_("qualification category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teachers",
    )
    category_assigned_on = models.DateField(_("category assigned on"), null=True, blank=True)
    category_expires_on = models.DateField(_("category expires on"), null=True, blank=True)
    experience_total = models.PositiveSmallIntegerField(_("total experience, years"), default=0)
    experience_specialty = models.PositiveSmallIntegerField(_("experience in the specialty, years"), default=0)
    is_young_specialist = models.BooleanField(
        _("young specialist"), default=False, help_text=_("First three years in the profession.")
    )
    is_innovator = models.BooleanField(
        _("develops innovative programs"), default=False, help_text=_("Database of innovating teachers (001 § 5.9).")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teacher",
    )
    is_active = models.BooleanField(_("works"), default=True)
    # The main job's municipality and region, copied from the organization on every save (and by
    # territory's move callbacks when an organization or a municipality moves): the list of a department or a
    # regional operator filters, sorts and counts the teacher table alone, without joining the territory tree.
    # Each has its narrow index besides the ordered ones below: a COUNT(*) for the paginator reads it alone (an
    # index-only scan of ~40 pages for the region's 50,000 teachers) instead of the table or a wide index.
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+", editable=False
    )

    scope_paths = {
        "region": "region_id",
        "municipality": "municipality_id",
        "organization": "organization_id",
        "self": "user_id",
    }
    # An unsaved change of the organization is checked before save() copies it into the columns above.
    scope_instance_paths = {
        "region": "organization__municipality__region_id",
        "municipality": "organization__municipality_id",
        "organization": "organization_id",
        "self": "user_id",
    }

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["surname", "name", "patronymic", "id"]
        indexes = [
            models.Index(fields=["surname", "name", "patronymic"]),
            # The default order within a scope: the first page is read off the index, no sort of the whole scope.
            models.Index(
                fields=["municipality", "surname", "name", "patronymic", "id"], name="teacher_municipality_order"
            ),
            models.Index(fields=["region", "surname", "name", "patronymic", "id"], name="teacher_region_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_specialty__lte=models.F("experience_total")),
                name="teacher_specialty_within_total",
                violation_error_code="experience",
                violation_error_message=_("Experience in the specialty cannot exceed total experience."),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def get_absolute_url(self):
        return reverse("people:teacher-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"organization", "organization_id"} & set(update_fields):
            set_scope_columns([self])
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "municipality", "region"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.experience_specialty is not None and (self.experience_specialty or 0) > (self.experience_total or 0):
            # The check constraint's rule, said on the field (forms, API and imports show it there).
            raise ValidationError(
                {
                    "experience_specialty": ValidationError(
                        _("Experience in the specialty cannot exceed total experience."), code="experience"
                    )
                }
            )
        if (
            self.category_assigned_on
            and self.category_expires_on
            and self.category_expires_on < self.category_assigned_on
        ):
            raise ValidationError(
                {"category_expires_on": _("The category cannot expire before it was assigned.")}, code="dates"
            )
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("Birth date is in the future.")}, code="birth_date")

    @property
    def consent(self):
        """The current consent (latest not withdrawn), if any."""
        for c in self.consents.all():
            if c.withdrawn_on is None:
                return c
        return None


def set_scope_columns(teachers):
    """Copy each teacher's main-job municipality and region from the organization (before a save or bulk_create).

    Read from the database in one query, not from organizations loaded earlier: one that moved in between would
    leave the teacher in the old scope.
    """
    found = {
        pk: (municipality_id, region_id)
        for pk, municipality_id, region_id in Organization.objects.filter(
            pk__in={t.organization_id for t in teachers}
        ).values_list("pk", "municipality_id", "municipality__region_id")
    }
    for teacher in teachers:
        teacher.municipality_id, teacher.region_id = found.get(teacher.organization_id, (None, None))


def follow_territory_move(kind, obj):
    """Territory's move callback: an organization moved to another municipality, or a municipality to another
    region; the scope columns of the teachers under it follow (one UPDATE that touches nothing when nothing moved)."""
    if kind == "organization":
        region = Municipality.objects.filter(pk=obj.municipality_id).values("region_id")
        Teacher.objects.filter(organization_id=obj.pk).exclude(municipality_id=obj.municipality_id).update(
            municipality_id=obj.municipality_id, region_id=models.Subquery(region)
        )
    elif kind == "municipality":
        Teacher.objects.filter(municipality_id=obj.pk).exclude(region_id=obj.region_id).update(region_id=obj.region_id)


class Employment(models.Model):
    """A part-time job of a teacher in another organization (the main job is on the teacher)."""

    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.CASCADE, related_name="employments"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="part_time_teachers"
    )
    position = models.ForeignKey(Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="+")

    # The part-time job's own organization (not the teacher's main job); the teacher reaches their own jobs.
    scope_paths = {
        "region": "organization__municipality__region_id",
        "municipality": "organization__municipality_id",
        "organization": "organization_id",
        "self": "teacher__user_id",
    }

    class Meta:
        verbose_name = _("part-time job")
        verbose_name_plural = _("part-time jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "organization", "position"],
                name="employment_unique",
                violation_error_code="duplicate",
            )
        ]

    def __str__(self):
        return f"{self.organization}, {self.position}"


class Consent(models.Model):
    """Consent to personal-data processing (152-ФЗ art. 9): date, purpose, and withdrawal."""

    teacher = models.ForeignKey(Teacher, verbose_name=_("teacher"), on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("given on"))
    purpose = models.CharField(_("purpose"), max_length=500)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("withdrawal reason"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent to personal data processing")
        verbose_name_plural = _("consents to personal data processing")
        ordering = ["-given_on", "-id"]

    def __str__(self):
        return f"{self.teacher}: {self.given_on}"
