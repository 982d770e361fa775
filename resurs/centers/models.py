"""Resource centers (SPEC §4): kinds, applications and expert review, orders, centers, staff, groups, agreements, documents."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection, Subject
from resurs.common.models import VersionedModel
from resurs.people.models import Teacher
from resurs.territory.models import Municipality, Organization

ORG_PATHS = {
    "region": "organization__municipality__region_id",
    "municipality": "organization__municipality_id",
    "organization": "organization_id",
}
CENTER_PATHS = {
    "region": "center__organization__municipality__region_id",
    "municipality": "center__organization__municipality_id",
    "organization": "center__organization_id",
    "center": "center_id",
}


class PlanningPeriod(models.TextChoices):
    CALENDAR = "calendar", _("calendar year")  # 000 § 4.1
    ACADEMIC = "academic", _("academic year")  # 001 § 5.6


class CenterKind(VersionedModel):
    """A kind of center: the regulation's variant as configuration (planning period, documents, reporting, rules)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=300, unique=True)
    regulation = models.CharField(_("regulation"), max_length=300, blank=True)
    planning_period = models.CharField(
        _("planning period"), max_length=20, choices=PlanningPeriod.choices, default=PlanningPeriod.CALENDAR
    )
    # [{"code": "order", "name": "Приказ о создании", "clause": "000 § 5.1"}, ...]
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    # {"presentations_per_year": 2, "monitoring_per_year": 2, "annual_report": true, "clause": "..."}
    reporting = models.JSONField(_("reporting cadence"), default=dict, blank=True)
    # [{"code": "plan_agreed", "name": "...", "clause": "000 § 4.1", "params": {...}}, ...]
    rules = models.JSONField(_("compliance rules"), default=list, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    scope_paths = None

    class Meta:
        verbose_name = _("center kind")
        verbose_name_plural = _("center kinds")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:kind-detail", args=[self.pk])


class ReviewCriterion(models.Model):
    """A criterion the expert council scores applications by (003 § 1.2)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5)
    clause = models.CharField(_("source"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    scope_paths = None

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ApplicationDeadline(models.Model):
    """The municipality's deadline for applications of a year (002 § 4.3: by 15 May unless set otherwise)."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id"}

    class Meta:
        verbose_name = _("application deadline")
        verbose_name_plural = _("application deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="deadline_unique_year", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.deadline:%d.%m.%Y}"

    def clean(self):
        if self.year and self.deadline and self.deadline.year != self.year:
            raise ValidationError(
                {
                    "deadline": ValidationError(
                        _("The deadline must fall in %(year)s.") % {"year": self.year}, code="deadline_year"
                    )
                }
            )


DEFAULT_DEADLINE = (5, 15)  # 15 May, 002 § 4.3


class Application(VersionedModel):
    """An organization's application for resource-center status (002 § 4.2–4.3)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UNDER_REVIEW = "under_review", _("under expert review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="center_applications"
    )
    kind = models.ForeignKey(CenterKind, verbose_name=_("center kind"), on_delete=models.PROTECT)
    title = models.CharField(_("proposed name of the center"), max_length=300)
    directions = models.ManyToManyField(ContentDirection, verbose_name=_("content directions"), blank=True)
    staff_resources = models.TextField(_("staff resources"), blank=True)
    methodological_resources = models.TextField(_("methodological resources"), blank=True)
    material_resources = models.TextField(_("material and technical resources"), blank=True)
    information_resources = models.TextField(_("information resources"), blank=True)
    signed_file = models.FileField(_("signed application"), upload_to="centers/applications/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)

    scope_paths = ORG_PATHS

    class Meta:
        verbose_name = _("application for center status")
        verbose_name_plural = _("applications for center status")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.organization})"

    def get_absolute_url(self):
        return reverse("centers:application-detail", args=[self.pk])


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="centers/applications/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope_paths = {k: f"application__{v}" for k, v in ORG_PATHS.items()}

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class Review(models.Model):
    """One expert council member's scores, comment and recommendation on an application (002 § 4.3)."""

    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("approve")
        REJECT = "reject", _("reject")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    scores = models.JSONField(_("scores"), default=dict)  # {criterion_id: score}
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices)
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    scope_paths = {k: f"application__{v}" for k, v in ORG_PATHS.items()}

    class Meta:
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "expert"], name="review_one_per_expert", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.expert}"

    @property
    def total(self):
        return sum(int(v) for v in self.scores.values())


class Center(VersionedModel):
    """A resource center: an organization's status for a term (000 § 3.1; 002 § 4.1)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        TERMINATED = "terminated", _("terminated")

    class TerminationReason(models.TextChoices):
        INEFFECTIVE = "ineffective", _("ineffective work (by the department's conclusion)")  # 000 § 3.11
        COMPLETED = "completed", _("work on the direction completed")  # 000 § 3.11
        IMPROPER = "improper", _("improper performance of its functions")  # 003 § 3.2; 004 § 9.2
        EXPIRED = "expired", _("term expired")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization, verbose_name=_("base organization"), on_delete=models.PROTECT, related_name="centers"
    )
    kind = models.ForeignKey(CenterKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="centers")
    name = models.CharField(_("name"), max_length=300)
    directions = models.ManyToManyField(ContentDirection, verbose_name=_("content directions"), blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"), null=True, blank=True)
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="center",
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.CharField(
        _("termination reason"), max_length=20, choices=TerminationReason.choices, blank=True
    )
    termination_text = models.TextField(_("termination details"), blank=True)

    scope_paths = ORG_PATHS | {"center": "id"}

    class Meta:
        verbose_name = _("resource center")
        verbose_name_plural = _("resource centers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="center_term_order",
                violation_error_code="term",
                violation_error_message=_("The term cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:center-detail", args=[self.pk])

    @property
    def is_read_only(self):
        return self.status == self.Status.TERMINATED

    def ends_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.term_end is not None and today <= self.term_end <= today + datetime.timedelta(days=days)


class Order(VersionedModel):
    """An order (приказ) of an issuer — the department (municipality) or an organization — with its DOCX."""

    class Kind(models.TextChoices):
        CREATION = "creation", _("creation of a center")
        TERM = "term", _("term of a center")
        RESPONSIBLE = "responsible", _("responsible persons")
        COORDINATOR = "coordinator", _("coordinator")
        GROUP = "group", _("creative group or association membership")
        TERMINATION = "termination", _("termination of a center")

    issuer_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("issued by the department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    issuer_organization = models.ForeignKey(
        Organization,
        verbose_name=_("issued by the organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    number = models.CharField(_("number"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    center = models.ForeignKey(
        Center, verbose_name=_("center"), null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    data = models.JSONField(_("contents"), default=dict, blank=True)
    # The plain values the document was rendered from at issue: an issued order is a legal document, so a new
    # rendering (another template version) repeats its text as issued, not today's names.
    frozen_context = models.JSONField(_("text as issued"), default=dict, blank=True, editable=False)
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("generated document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_scan = models.FileField(_("signed scan"), upload_to="centers/orders/%Y/", blank=True)

    scope_paths = {
        "region": ["issuer_municipality__region_id", "issuer_organization__municipality__region_id"],
        "municipality": ["issuer_municipality_id", "issuer_organization__municipality_id"],
        "organization": "issuer_organization_id",
        "center": "center_id",
    }

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_municipality", "year", "number"],
                condition=Q(issuer_municipality__isnull=False),
                name="order_number_unique_department",
                violation_error_code="duplicate_number",
                violation_error_message=_("An order with this number already exists for this issuer and year."),
            ),
            models.UniqueConstraint(
                fields=["issuer_organization", "year", "number"],
                condition=Q(issuer_organization__isnull=False),
                name="order_number_unique_organization",
                violation_error_code="duplicate_number",
                violation_error_message=_("An order with this number already exists for this issuer and year."),
            ),
            models.CheckConstraint(
                condition=Q(issuer_municipality__isnull=False, issuer_organization__isnull=True)
                | Q(issuer_municipality__isnull=True, issuer_organization__isnull=False),
                name="order_one_issuer",
                violation_error_code="issuer",
            ),
        ]

    def __str__(self):
        return _("Order No. %(number)s of %(date)s") % {"number": self.number, "date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self):
        return reverse("centers:order-detail", args=[self.pk])

    @property
    def issuer(self):
        return self.issuer_municipality or self.issuer_organization


class StaffRole(models.TextChoices):
    HEAD = "head", _("head")  # 000 § 6.1
    ORGANIZER = "organizer", _("responsible for organization, coordination and control")  # 000 § 6.2
    REPORTER = "reporter", _("responsible for reporting")  # 000 § 6.3
    COORDINATOR = "coordinator", _("coordinator from the department")  # 000 § 3.4
    METHODIST = "methodist", _("methodist")  # 001 § 5.7–5.8
    GROUP_MEMBER = "group_member", _("creative group member")  # 001 § 5.4–5.5
    EXTERNAL = "external", _("external specialist under contract")  # 004 § 3.4


# staff role -> shipped access role granted on the center's scope while the assignment lasts
STAFF_ACCESS_ROLES = {
    "head": "center_head",
    "organizer": "center_organizer",
    "reporter": "center_reporter",
    "coordinator": "coordinator",
    "methodist": "methodist",
}


class StaffAssignment(models.Model):
    """A person's function in a center for a period, with the order that appointed them."""

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(_("function"), max_length=20, choices=StaffRole.choices)
    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), null=True, blank=True, on_delete=models.PROTECT, related_name="center_staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="center_staff",
    )
    full_name = models.CharField(_("full name"), max_length=300)
    position = models.CharField(_("position"), max_length=300, blank=True)
    contract = models.CharField(_("contract"), max_length=300, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    override_reason = models.TextField(_("reason to appoint despite the eligibility warning"), blank=True)
    role_assignment = models.ForeignKey(
        "accounts.RoleAssignment", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff")
        ordering = ["role", "full_name"]

    def __str__(self):
        return f"{self.full_name} — {self.get_role_display()}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class Association(VersionedModel):
    """A creative group (001 § 5.4–5.5) or a city methodological association, ГМО (001 § 5.9)."""

    class Kind(models.TextChoices):
        CREATIVE_GROUP = "creative_group", _("creative group")
        GMO = "gmo", _("city methodological association")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="associations")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), null=True, blank=True, on_delete=models.PROTECT)
    head = models.ForeignKey(
        Teacher,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headed_associations",
    )
    members = models.ManyToManyField(Teacher, verbose_name=_("members"), blank=True, related_name="associations")
    order = models.ForeignKey(
        Order,
        verbose_name=_("composition approved by order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("works"), default=True)

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("association or creative group")
        verbose_name_plural = _("associations and creative groups")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centers:association-detail", args=[self.pk])


class Agreement(VersionedModel):
    """An agreement of the center (003 § 3.3, § 6; 004 § 1.5)."""

    class PartyKind(models.TextChoices):
        AUTHORITY = "authority", _("education department or committee")
        BASE_ORGANIZATION = "base_organization", _("base organization")
        SOCIAL_PARTNER = "social_partner", _("social partner")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="agreements")
    party_kind = models.CharField(_("kind of party"), max_length=20, choices=PartyKind.choices)
    party = models.CharField(_("party"), max_length=500)
    party_organization = models.ForeignKey(
        Organization,
        verbose_name=_("party organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("number"), max_length=50)
    date = models.DateField(_("date"))
    starts_on = models.DateField(_("valid from"), null=True, blank=True)
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    subject = models.TextField(_("subject of the agreement"))
    file = models.FileField(_("file"), upload_to="centers/agreements/%Y/", blank=True)

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-date"]

    def __str__(self):
        return _("Agreement No. %(number)s with %(party)s") % {"number": self.number, "party": self.party}

    def get_absolute_url(self):
        return reverse("centers:center-detail", args=[self.center_id]) + "#agreements"


class CenterDocument(models.Model):
    """A document of the center's file nomenclature (000 § 5.1; 001 § 6.2; 003 § 6): uploaded or generated."""

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.CASCADE, related_name="documents")
    requirement = models.CharField(_("required document"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="centers/documents/%Y/", blank=True)
    generated = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("generated document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("center document")
        verbose_name_plural = _("center documents")
        ordering = ["requirement", "-uploaded_at"]

    def __str__(self):
        return self.title
