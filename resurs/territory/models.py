"""Territory tree (SPEC §1–2): region → municipality → organization; educational districts (003 § 1.6)."""

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resurs.common.models import VersionedModel

from . import moves

TIMEZONES = [
    ("Europe/Kaliningrad", "UTC+2 Калининград"),
    ("Europe/Moscow", "UTC+3 Москва"),
    ("Europe/Samara", "UTC+4 Самара"),
    ("Asia/Yekaterinburg", "UTC+5 Екатеринбург"),
    ("Asia/Omsk", "UTC+6 Омск"),
    ("Asia/Krasnoyarsk", "UTC+7 Красноярск"),
    ("Asia/Irkutsk", "UTC+8 Иркутск"),
    ("Asia/Yakutsk", "UTC+9 Якутск"),
    ("Asia/Vladivostok", "UTC+10 Владивосток"),
    ("Asia/Magadan", "UTC+11 Магадан"),
    ("Asia/Kamchatka", "UTC+12 Камчатка"),
]


class Region(VersionedModel):
    """A subject of the Russian Federation: the top of the scope tree."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    timezone = models.CharField(_("time zone"), max_length=50, choices=TIMEZONES, default="Europe/Moscow")

    scope_paths = {"region": "id"}

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:region-detail", args=[self.pk])


class Municipality(VersionedModel):
    """A municipal district or city district with its own education department."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=20, unique=True)
    timezone = models.CharField(_("time zone"), max_length=50, choices=TIMEZONES, default="Europe/Moscow")
    department_name = models.CharField(_("education authority"), max_length=300, blank=True)
    # Who signs the authority's orders (a center's status, its coordinator, its termination): «И.О. Фамилия» in them.
    department_head = models.CharField(
        _("head of the education authority"), max_length=300, blank=True, help_text=_("Surname, name, patronymic.")
    )
    department_head_position = models.CharField(
        _("position of the head"),
        max_length=300,
        blank=True,
        help_text=_("As signed under orders, e.g. «Директор департамента»."),
    )

    scope_paths = {"region": "region_id", "municipality": "id"}

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="municipality_unique_name", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:municipality-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        with transaction.atomic():
            may_move = moves.may_move(self, "region", kwargs.get("update_fields"))
            super().save(*args, **kwargs)
            if may_move:
                moves.saved("municipality", self)  # records denormalised from the region follow a move


class OrganizationType(models.TextChoices):
    SCHOOL = "school", _("general education school")
    KINDERGARTEN = "kindergarten", _("preschool organization")
    ADDITIONAL = "additional", _("additional education organization")
    METHODICAL = "methodical", _("methodological service")
    COLLEGE = "college", _("vocational education organization")
    AUTHORITY = "authority", _("education authority")
    OTHER = "other", _("other")


class EducationalDistrict(VersionedModel):
    """An educational district (образовательный округ) headed by a base organization (003 § 1.6)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="districts"
    )
    name = models.CharField(_("name"), max_length=200)
    base_organization = models.ForeignKey(
        "Organization",
        verbose_name=_("base organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_districts",
    )

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id"}

    class Meta:
        verbose_name = _("educational district")
        verbose_name_plural = _("educational districts")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:district-detail", args=[self.pk])


class Organization(VersionedModel):
    """An educational organization of a municipality (SPEC §2)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="organizations"
    )
    kind = models.CharField(_("type"), max_length=20, choices=OrganizationType.choices, default=OrganizationType.SCHOOL)
    short_name = models.CharField(_("short name"), max_length=200)
    full_name = models.CharField(_("full official name"), max_length=500)
    inn = models.CharField(_("INN"), max_length=12, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    district = models.ForeignKey(
        EducationalDistrict,
        verbose_name=_("educational district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    is_base = models.BooleanField(_("base organization"), default=False)
    director = models.CharField(_("director"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id", "organization": "id"}

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"],
                name="organization_unique_short_name",
                violation_error_code="duplicate",
            )
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("territory:organization-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        with transaction.atomic():
            may_move = moves.may_move(self, "municipality", kwargs.get("update_fields"))
            super().save(*args, **kwargs)
            if may_move:
                moves.saved("organization", self)  # records denormalised from the municipality follow a move
