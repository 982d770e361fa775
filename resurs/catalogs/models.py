"""Reference lists of SPEC §2, shipped with defaults and editable by a department administrator."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resurs.common.models import VersionedModel


class CatalogItem(VersionedModel):
    """One entry of a reference list: shared by the whole installation (global reference data)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    scope_paths = None

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogs:item-detail", args=[self._meta.model_name, self.pk])


class Subject(CatalogItem):
    class Meta(CatalogItem.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class Position(CatalogItem):
    is_pedagogical = models.BooleanField(_("pedagogical position"), default=True)

    class Meta(CatalogItem.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")


class QualificationCategory(CatalogItem):
    """A qualification category or qualification (педагог-методист, педагог-наставник)."""

    class Kind(models.TextChoices):
        CATEGORY = "category", _("qualification category")
        QUALIFICATION = "qualification", _("qualification")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CATEGORY)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher is more senior; used for eligibility rules.")
    )
    validity_years = models.PositiveSmallIntegerField(_("valid for, years"), null=True, blank=True)

    class Meta(CatalogItem.Meta):
        verbose_name = _("qualification category")
        verbose_name_plural = _("qualification categories")


class ContentDirection(CatalogItem):
    class Meta(CatalogItem.Meta):
        verbose_name = _("content direction")
        verbose_name_plural = _("content directions")


class WorkForm(CatalogItem):
    """A form of methodological work (001 § 3.3)."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("form of work")
        verbose_name_plural = _("forms of work")


class PlanSection(CatalogItem):
    """A section of the yearly plan (rows of 001 appendix 1)."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")


class EducationLevel(CatalogItem):
    """A level of education (НОО, ООО, СОО…) that an event's audience or a product addresses (SPEC §6, §7)."""

    short_name = models.CharField(_("short name"), max_length=20, blank=True)

    class Meta(CatalogItem.Meta):
        verbose_name = _("level of education")
        verbose_name_plural = _("levels of education")

    def __str__(self):
        return self.short_name or self.name


class CompetenceArea(CatalogItem):
    """An area of a teacher's professional competence that diagnostics measure (001 § 3.2; 004 § 2.2.5)."""

    code = models.CharField(_("code"), max_length=20, unique=True)

    class Meta(CatalogItem.Meta):
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")


class Competence(CatalogItem):
    """A competence of an area: diagnostics find deficits in it, events and products that address it are tagged."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    area = models.ForeignKey(
        CompetenceArea, verbose_name=_("competence area"), on_delete=models.PROTECT, related_name="competences"
    )

    class Meta(CatalogItem.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self):
        return f"{self.code} {self.name}"


CATALOG_MODELS = {
    m._meta.model_name: m
    for m in (
        Subject,
        Position,
        QualificationCategory,
        ContentDirection,
        WorkForm,
        PlanSection,
        EducationLevel,
        CompetenceArea,
        Competence,
    )
}
