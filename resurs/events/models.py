"""Events of the centers and registration for them (SPEC §6; 000 § 2.2, 3.8, 6.2.4, 6.3.1; 001 § 3.1, 3.3)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Competence, EducationLevel, Position, Subject, WorkForm
from resurs.centers.models import CENTER_PATHS, Association, Center
from resurs.common.models import VersionedModel
from resurs.people.models import Teacher
from resurs.plans.models import PlanItem
from resurs.territory.models import Organization

EVENT_PATHS = {k: f"event__{v}" for k, v in CENTER_PATHS.items()}

# The check-in code printed as a QR code and typed at the door: no 0/O or 1/I/L to misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Event(VersionedModel):
    """An event a center holds (a seminar, a master class, an association meeting…), from a plan item or on its own."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        OPEN = "open", _("registration open")
        CLOSED = "closed", _("registration closed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("remote")
        MIXED = "mixed", _("mixed")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="events")
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("For a meeting of a city methodological association."),
    )
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="linked_events",
    )
    form = models.ForeignKey(WorkForm, verbose_name=_("form of work"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.ForeignKey(
        Organization, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="+")
    positions = models.ManyToManyField(Position, verbose_name=_("positions"), blank=True, related_name="+")
    levels = models.ManyToManyField(EducationLevel, verbose_name=_("levels of education"), blank=True, related_name="+")
    # The professional competences the event develops: the teacher-development recommendations match them to deficits.
    competences = models.ManyToManyField(Competence, verbose_name=_("competences"), blank=True, related_name="+")
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    held_at = models.DateTimeField(_("marked held"), null=True, blank=True)

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "id"]
        indexes = [
            models.Index(fields=["center", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_period_order",
                violation_error_code="period",
                violation_error_message=_("The event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
                violation_error_code="capacity",
                violation_error_message=_("Give at least one seat, or leave the number of seats empty."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gte=F("registration_opens_at")),
                name="event_registration_window_order",
                violation_error_code="registration_window",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", args=[self.pk])

    def registration_is_open(self, now=None):
        """Registration is open: the status says so and now is inside the window (an empty bound does not limit)."""
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and (self.registration_closes_at is None or now <= self.registration_closes_at)
            and now < self.starts_at
        )


class Speaker(models.Model):
    """A speaker of an event: a teacher of the system or a guest, and the topic."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speakers")
    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), null=True, blank=True, on_delete=models.PROTECT, related_name="talks"
    )
    full_name = models.CharField(_("full name"), max_length=300, help_text=_("For a guest without a teacher record."))
    organization_name = models.CharField(_("organization"), max_length=300, blank=True)
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    scope_paths = EVENT_PATHS

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["event", "sort_order", "id"]

    def __str__(self):
        return self.full_name


class Material(models.Model):
    """A material of an event: an uploaded file or a link."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="events/materials/%Y/%m/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    scope_paths = EVENT_PATHS

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "id"]

    def __str__(self):
        return self.title


class Registration(VersionedModel):
    """A teacher's registration for an event: confirmed within capacity, else waitlisted in order; attendance."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waitlist")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        SELF = "self", _("by the teacher")
        PUBLIC = "public", _("through the public form")
        CENTER = "center", _("by the center")
        ORGANIZATION = "organization", _("by the organization")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not marked")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("absent for a good reason")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations")
    teacher = models.ForeignKey(
        Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    source = models.CharField(_("registered"), max_length=20, choices=Source.choices, default=Source.SELF)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # The waitlist is served in this order (then by id); a promotion keeps it, a re-registration starts anew.
    queued_at = models.DateTimeField(_("in the queue since"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(_("check-in code"), max_length=16, unique=True, default=new_code, editable=False)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    # The center's staff reach registrations through the event; an organization administrator reaches those of its
    # own teachers (it registers them, 000 § 7.1.1), whatever center holds the event; a teacher reaches their own.
    scope_paths = {
        "region": EVENT_PATHS["region"],
        "municipality": EVENT_PATHS["municipality"],
        "center": EVENT_PATHS["center"],
        "organization": "teacher__organization_id",
        "self": "teacher__user_id",
    }

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queued_at", "id"]
        indexes = [
            models.Index(fields=["event", "status", "queued_at", "id"], name="registration_queue"),
            models.Index(fields=["teacher", "event"], name="registration_teacher"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "teacher"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="registration_one_active_per_teacher",
                violation_error_code="already_registered",
                violation_error_message=_("The teacher is already registered for this event."),
            )
        ]

    def __str__(self):
        return f"{self.teacher} — {self.event}"

    @property
    def is_active(self):
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)


def new_certificate_number():
    """A certificate's number: the year and eight characters of the check-in alphabet (not guessable: the public
    verification page shows the holder's name only to whoever has the number)."""
    return f"{timezone.localdate().year}-{new_code()}"


class Certificate(models.Model):
    """A certificate of participation (an attendee) or of a talk (a speaker) of a held event (SPEC §6). The holder's
    name, organization, the event's title and date are copied when it is issued: the PDF and the public verification
    page show what was issued, whatever is edited later. Re-issuing revokes it and issues a new number."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        SPEAKER = "speaker", _("speaker")

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(_("number"), max_length=32, unique=True, default=new_certificate_number)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    teacher = models.ForeignKey(
        Teacher,
        verbose_name=_("teacher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    full_name = models.CharField(_("full name"), max_length=300)
    organization_name = models.CharField(_("organization"), max_length=500, blank=True)
    event_title = models.CharField(_("event"), max_length=500)
    event_date = models.DateField(_("event date"))
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VALID)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("re-issue of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    # The center's staff through the event; an organization administrator its teachers'; a teacher their own.
    scope_paths = {
        "region": EVENT_PATHS["region"],
        "municipality": EVENT_PATHS["municipality"],
        "center": EVENT_PATHS["center"],
        "organization": "teacher__organization_id",
        "self": "teacher__user_id",
    }

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["event", "full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(status="valid", registration__isnull=False),
                name="certificate_one_valid_per_registration",
                violation_error_code="already_issued",
                violation_error_message=_("A valid certificate is already issued."),
            ),
            models.UniqueConstraint(
                fields=["speaker"],
                condition=Q(status="valid", speaker__isnull=False),
                name="certificate_one_valid_per_speaker",
                violation_error_code="already_issued",
                violation_error_message=_("A valid certificate is already issued."),
            ),
        ]

    def __str__(self):
        return f"№ {self.number} — {self.full_name}"

    def verification_path(self):
        return reverse("portal:certificate-verify", args=[self.number])


class Feedback(models.Model):
    """An attendee's answer to the short survey after a held event: satisfaction and usefulness 1–5, a comment."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.PROTECT, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"))
    usefulness = models.PositiveSmallIntegerField(_("usefulness"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    scope_paths = {
        "region": "registration__event__center__organization__municipality__region_id",
        "municipality": "registration__event__center__organization__municipality_id",
        "center": "registration__event__center_id",
        "organization": "registration__teacher__organization_id",
        "self": "registration__teacher__user_id",
    }

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5, usefulness__gte=1, usefulness__lte=5),
                name="feedback_ratings_1_to_5",
                violation_error_code="rating_range",
                violation_error_message=_("Ratings are from 1 to 5."),
            )
        ]

    def __str__(self):
        return f"{self.registration}: {self.satisfaction}/{self.usefulness}"
