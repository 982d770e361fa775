"""Consultations of the centers (SPEC §6; 000 § 2.2 «консультативно-методическое сопровождение», § 3.8 individual,
group and remote consultations): a request, its methodist, the written answer or the meeting, closing, rating."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.common.models import VersionedModel
from resurs.people.models import Teacher
from resurs.territory.models import Organization


class Consultation(VersionedModel):
    """A request for a consultation from a teacher or an organization to a center (000 § 2.2, 3.8)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", pgettext_lazy("consultation", "individual")
        GROUP = "group", pgettext_lazy("consultation", "group")
        REMOTE = "remote", pgettext_lazy("consultation", "remote")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("consultation", "new")
        ASSIGNED = "assigned", pgettext_lazy("consultation", "methodist assigned")
        ANSWERED = "answered", pgettext_lazy("consultation", "answered")
        SCHEDULED = "scheduled", pgettext_lazy("consultation", "meeting scheduled")
        HELD = "held", pgettext_lazy("consultation", "held")
        CLOSED = "closed", pgettext_lazy("consultation", "closed")
        CANCELLED = "cancelled", pgettext_lazy("consultation", "cancelled")
        REJECTED = "rejected", pgettext_lazy("consultation", "rejected")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="consultations")
    kind = models.CharField(_("preferred format"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    direction = models.ForeignKey(
        ContentDirection, verbose_name=_("content direction"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField(_("question"))
    attachment = models.FileField(_("attachment"), upload_to="consultations/%Y/%m/", blank=True)
    # Who asks: the teacher (their own record) or an organization administrator for its teachers (000 § 7.1.1); the
    # organization is the asker's, kept so that its administrator reaches the request.
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="consultations"
    )
    teacher = models.ForeignKey(
        Teacher,
        verbose_name=_("teacher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
        help_text=_("Empty: a request of the organization (a group consultation, for instance)."),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    methodist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("methodist"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_consultations",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("meeting at"), null=True, blank=True)
    meeting_place = models.CharField(_("place"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    # The first answer: the written answer or the meeting scheduled, whichever came first (the response time).
    responded_at = models.DateTimeField(_("first answer at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reject_reason = models.TextField(_("reason for rejecting"), blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the rating"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    # The center's staff and the department reach a center's requests; an organization administrator those of its
    # own organization, whatever the center; a teacher their own.
    scope_paths = {
        "region": "center__organization__municipality__region_id",
        "municipality": "center__organization__municipality_id",
        "center": "center_id",
        "organization": "organization_id",
        "self": "teacher__user_id",
    }

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["center", "asked_at"], name="consultation_center_asked"),
            models.Index(fields=["status", "asked_at"], name="consultation_status_asked"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="consultation_rating_range",
                violation_error_code="rating_range",
                violation_error_message=_("The rating is a whole number from 1 to 5."),
            ),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("consultations:consultation-detail", args=[self.pk])

    @property
    def response_time(self):
        """From the request to the first answer (None while there is none)."""
        if self.responded_at is None or self.asked_at is None:
            return None
        return self.responded_at - self.asked_at
