"""Yearly plans of centers and associations (SPEC §5; 000 § 3.6–3.8, 4.1, 6.2.1; 001 § 5.6, 5.9, appendix 1)."""

import calendar
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Association, Center
from resurs.common.models import VersionedModel
from resurs.territory.models import Municipality, Organization

CENTER_PATHS = {
    "region": "center__organization__municipality__region_id",
    "municipality": "center__organization__municipality_id",
    "organization": "center__organization_id",
    "center": "center_id",
}


class Plan(VersionedModel):
    """A plan of a center or of one of its associations for one period (calendar or academic year)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for agreement")
        RETURNED = "returned", _("returned for revision")
        AGREED = "agreed", _("agreed")
        REVISING = "revising", _("new revision in preparation")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="plans")
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    methodological_theme = models.TextField(_("methodological theme"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    organizational_forms = models.TextField(_("organizational forms of work"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    agreed_revision = models.ForeignKey(
        "PlanRevision",
        verbose_name=_("agreed revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "center__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "period_start"],
                condition=Q(association__isnull=True),
                name="plan_one_per_center_period",
                violation_error_code="duplicate_plan",
                violation_error_message=_("The center already has a plan for this period."),
            ),
            models.UniqueConstraint(
                fields=["association", "period_start"],
                condition=Q(association__isnull=False),
                name="plan_one_per_association_period",
                violation_error_code="duplicate_plan",
                violation_error_message=_("The association already has a plan for this period."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_order",
                violation_error_code="period",
            ),
        ]

    def __str__(self):
        owner = self.association or self.center
        return _("Plan of %(owner)s for %(period)s") % {"owner": owner, "period": self.period_label}

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def period_label(self):
        if self.period_start.year == self.period_end.year:
            return str(self.period_start.year)
        return f"{self.period_start.year}/{self.period_end.year}"

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.REVISING)


class PlanItem(models.Model):
    """A row of the calendar-thematic table (001 appendix 1), with its execution state (000 § 3.8)."""

    class Execution(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        RESCHEDULED = "rescheduled", _("rescheduled")
        CANCELLED = "cancelled", _("cancelled")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items")
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)  # stable across revisions
    section = models.ForeignKey(PlanSection, verbose_name=_("plan section"), on_delete=models.PROTECT)
    form = models.ForeignKey(WorkForm, verbose_name=_("form of work"), on_delete=models.PROTECT)
    topic = models.CharField(_("topic"), max_length=500)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    venue = models.ForeignKey(
        Organization, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_online = models.BooleanField(_("online"), default=False)
    responsible = models.CharField(_("responsible person"), max_length=300)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    expected_product = models.CharField(_("expected product"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    execution = models.CharField(_("execution"), max_length=20, choices=Execution.choices, default=Execution.PLANNED)
    new_date = models.DateField(_("new date"), null=True, blank=True)
    execution_reason = models.CharField(_("reason"), max_length=500, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    events = models.JSONField(_("events that fulfilled it"), default=list, blank=True)

    scope_paths = {k: f"plan__{v}" for k, v in CENTER_PATHS.items()}

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["section__sort_order", "date", "sort_order", "id"]

    def __str__(self):
        return self.topic

    @property
    def due_date(self):
        """The last day the item may be done: its (new) date, or the month's last day for month precision."""
        day = self.new_date or self.date
        if self.date_precision == self.DatePrecision.MONTH and not self.new_date:
            return day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return day

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.execution in (self.Execution.PLANNED, self.Execution.RESCHEDULED) and self.due_date < today

    @property
    def date_display(self):
        months = [
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
            "июль",
            "август",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
        ]
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{months[self.date.month - 1]} {self.date.year}"
        return self.date.strftime("%d.%m.%Y")

    @property
    def venue_display(self):
        if self.is_online:
            return "онлайн"
        return self.venue.short_name if self.venue else ""


class PlanRevision(models.Model):
    """A submitted revision: the plan's full snapshot, the coordinator's verdict and comments (000 § 4.1, 6.2.1)."""

    class Verdict(models.TextChoices):
        PENDING = "pending", _("awaiting the coordinator")
        RETURNED = "returned", _("returned with comments")
        AGREED = "agreed", _("agreed")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("contents"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_late = models.BooleanField(_("submitted after the deadline"), default=False)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, default=Verdict.PENDING)
    comment = models.TextField(_("comment"), blank=True)
    item_comments = models.JSONField(_("comments on items"), default=dict, blank=True)  # {item uid: text}
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_paths = {k: f"plan__{v}" for k, v in CENTER_PATHS.items()}

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="plan_revision_unique", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return _("Revision %(number)s") % {"number": self.number}


class PlanDeadline(models.Model):
    """The municipality's submission deadline for plans of a period; late submissions are marked, not blocked."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE)
    period_start = models.DateField(_("period from"))
    deadline = models.DateField(_("deadline"))

    scope_paths = {"region": "municipality__region_id", "municipality": "municipality_id"}

    class Meta:
        verbose_name = _("plan submission deadline")
        verbose_name_plural = _("plan submission deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period_start"], name="plan_deadline_unique", violation_error_code="duplicate"
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.deadline:%d.%m.%Y}"

    def clean(self):
        start, deadline = self.period_start, self.deadline
        if (
            start
            and deadline
            and not (start.replace(year=start.year - 1) <= deadline <= start.replace(year=start.year + 1))
        ):
            raise ValidationError(
                {
                    "deadline": ValidationError(
                        _("The deadline must be within a year of the period's start."), code="deadline_range"
                    )
                }
            )
