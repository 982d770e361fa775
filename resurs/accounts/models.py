"""Users hold roles on scopes (SPEC §1): a role is a named set of permission codes."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resurs.common.scoping import SCOPE_KINDS, Grant

SCOPE_KIND_LABELS = {
    "region": _("region"),
    "municipality": _("municipality"),
    "organization": _("organization"),
    "center": _("resource center"),
    "self": _("own profile"),
}


class User(AbstractUser):
    """A person who logs in; what they reach comes only from their role assignments."""

    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # A teacher's login sits in the territory through the teacher record (people.Teacher.user); a string path,
    # so accounts imports nothing from the layer above.
    scope_paths = {
        "region": ["assignments__region_id", "teacher__organization__municipality__region_id"],
        "municipality": ["assignments__municipality_id", "teacher__organization__municipality_id"],
        "organization": ["assignments__organization_id", "teacher__organization_id"],
        "self": "id",
    }
    scope_multi_valued = True

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def get_absolute_url(self):
        return reverse("accounts:user-detail", args=[self.pk])

    def get_grants(self):
        today = timezone.localdate()
        active = self.assignments.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        for a in active.select_related("role"):
            yield Grant(
                codes=a.role.permissions,
                kind=a.scope_kind,
                scope_id=a.scope_id,
                region_id=a.region_id,
                municipality_id=a.municipality_id,
                delegates=a.role.delegable_roles,
            )


class Role(models.Model):
    """A named set of permission codes, held by users on scopes of the kinds it allows."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scope_kinds = models.JSONField(_("scope kinds"), default=list)
    permissions = models.JSONField(_("permission codes"), default=list, blank=True)
    shipped_codes = models.JSONField(default=list, blank=True, editable=False)
    delegable_roles = models.JSONField(
        _("roles its holders may assign"),
        default=list,
        blank=True,
        help_text=_(
            "Codes of roles a holder may give on the scopes they administer, without holding those permissions."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    scope_paths = None  # roles are global reference data

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]

    def __str__(self):
        return gettext(self.name)

    def get_absolute_url(self):
        return reverse("accounts:role-detail", args=[self.pk])


class RoleAssignment(models.Model):
    """A role held by a user on one scope for a period; region/municipality are kept for fast scoping."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="assignments")
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="assignments")
    scope_kind = models.CharField(
        _("scope kind"), max_length=20, choices=[(k, SCOPE_KIND_LABELS[k]) for k in SCOPE_KINDS]
    )
    scope_id = models.PositiveBigIntegerField(_("scope"))
    scope_label = models.CharField(_("scope"), max_length=500)
    region_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    municipality_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    organization_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_paths = {"region": "region_id", "municipality": "municipality_id", "organization": "organization_id"}

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        indexes = [models.Index(fields=["scope_kind", "scope_id"])]

    def __str__(self):
        return f"{self.role} — {self.scope_label}"

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
