"""Methodological products, their expert review, the public bank of best practices, publications and presentation
programmes of a center (SPEC §7; 000 § 3.8–3.10, 6.3.2–6.3.4; 001 § 2.2, 3.1, 5.9; 003 § 4.9)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import Competence, ContentDirection, EducationLevel, Subject
from resurs.centers.models import CENTER_PATHS, Center
from resurs.common.models import VersionedModel
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.territory.models import Organization

PRODUCT_PATHS = {k: f"product__{v}" for k, v in CENTER_PATHS.items()}


class Product(VersionedModel):
    """A methodological product of a center's registry (000 § 6.3.2): reviewed by experts (003 § 4.9), approved
    products are published in the public bank of best practices (001 § 2.2)."""

    class Kind(models.TextChoices):
        TECHNOLOGY = "technology", _("technology")
        PROGRAM = "program", _("program")
        PROJECT = "project", _("project")
        RECOMMENDATIONS = "recommendations", _("methodological recommendations")
        LESSON = "lesson", _("lesson design")
        EER = "eer", _("electronic educational resource")
        PUBLICATION = "publication", _("publication")
        DEMONSTRATION = "demonstration", _("demonstration material")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("under expert review")
        REVISION = "revision", _("returned for revision")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        PUBLISHED = "published", _("published")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="products")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    direction = models.ForeignKey(
        ContentDirection,
        verbose_name=_("content direction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="+")
    levels = models.ManyToManyField(EducationLevel, verbose_name=_("levels of education"), blank=True, related_name="+")
    # The professional competences the product helps develop: teacher development recommends products by them.
    competences = models.ManyToManyField(Competence, verbose_name=_("competences"), blank=True, related_name="+")
    annotation = models.TextField(_("annotation"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent to review"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_comment = models.TextField(_("comments of the decision"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # 000 § 6.3.4: the center proposes its best practices to the department for replication.
    proposed_for_replication = models.BooleanField(_("proposed for replication"), default=False)
    proposed_at = models.DateTimeField(_("proposed for replication on"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    # Words of the title, annotation, keywords and authors reduced to their dictionary forms (pymorphy3), between
    # spaces: the search of the bank reads it (see search.py; PostgreSQL through a GIN index on its tsvector).
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    scope_paths = CENTER_PATHS | {"self": "created_by_id"}

    class Meta:
        verbose_name = _("methodological product")
        verbose_name_plural = _("methodological products")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["center", "status"]),
            models.Index(fields=["status", "published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="product_year_range",
                violation_error_code="year",
                violation_error_message=_("The year must be between 2000 and 2100."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("products:product-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("portal:product-public-detail", args=[self.pk])


class ProductAuthor(models.Model):
    """An author of a product: a teacher of the municipality, with the organization they worked at for it."""

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="authors")
    teacher = models.ForeignKey(Teacher, verbose_name=_("teacher"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    scope_paths = PRODUCT_PATHS

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["product", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "teacher"],
                name="product_author_once",
                violation_error_code="duplicate_author",
                violation_error_message=_("The teacher is already an author of the product."),
            )
        ]

    def __str__(self):
        return str(self.teacher)


class ProductFile(models.Model):
    """A file (checked by type and content, served as an attachment) or a link of a product."""

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="products/%Y/%m/", blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size, bytes"), default=0, editable=False)
    url = models.URLField(_("link"), max_length=500, blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    scope_paths = PRODUCT_PATHS

    class Meta:
        verbose_name = _("file or link")
        verbose_name_plural = _("files and links")
        ordering = ["product", "id"]

    def __str__(self):
        return self.title

    @property
    def is_link(self):
        return not self.file and bool(self.url)


class Criterion(models.Model):
    """A criterion experts score products by (003 § 4.9); the department edits the list (shipped: relevance,
    novelty, practical value, reproducibility, quality of presentation)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    description = models.TextField(_("description"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    scope_paths = None

    class Meta:
        verbose_name = _("review criterion of products")
        verbose_name_plural = _("review criteria of products")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=1) & Q(max_score__lte=100),
                name="product_criterion_max_score",
                violation_error_code="max_score",
                violation_error_message=_("The maximum score must be between 1 and 100."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:criterion-list")


class Review(models.Model):
    """An expert's review of a product: assigned by the center or the department, scored by the criteria with
    comments and a recommendation (003 § 4.9). An expert never reviews a product they made or co-authored."""

    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("approve")
        REVISE = "revise", _("return for revision")
        REJECT = "reject", _("reject")

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # {criterion id (str): score}
    total = models.PositiveIntegerField(_("total score"), default=0)
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    scope_paths = PRODUCT_PATHS | {"self": "reviewer_id"}

    class Meta:
        verbose_name = _("expert review of a product")
        verbose_name_plural = _("expert reviews of products")
        ordering = ["product", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "reviewer"],
                name="product_review_once",
                violation_error_code="already_assigned",
                violation_error_message=_("The expert is already assigned to the product."),
            )
        ]

    def __str__(self):
        return f"{self.product}: {self.reviewer}"


class Publication(VersionedModel):
    """A publication or media coverage of a center's work (000 § 3.8, 3.10, 6.3.3): channel, title, date, link."""

    class Channel(models.TextChoices):
        SITE = "site", _("the center's page on the organization's site")
        SOCIAL = "social", _("social network")
        MEDIA = "media", _("mass media")
        JOURNAL = "journal", _("journal")

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="publications")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications and media coverage")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("products:publication-detail", args=[self.pk])


class Presentation(VersionedModel):
    """A programme presenting the center's experience (000 § 3.9–3.10): at least twice a year; made of events and
    publications; it must contain an analytical report, at least two lessons or extra-curricular sessions on the
    center's theme and social-network coverage."""

    center = models.ForeignKey(Center, verbose_name=_("center"), on_delete=models.PROTECT, related_name="presentations")
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)

    scope_paths = CENTER_PATHS

    class Meta:
        verbose_name = _("presentation programme")
        verbose_name_plural = _("presentation programmes")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("products:presentation-detail", args=[self.pk])


class PresentationItem(models.Model):
    """One part of a presentation programme: an event (an analytical report, a lesson, an extra-curricular
    session, other) or a publication (coverage)."""

    class Kind(models.TextChoices):
        REPORT = "report", _("analytical report")
        LESSON = "lesson", _("lesson")
        EXTRACURRICULAR = "extracurricular", _("extra-curricular session")
        COVERAGE = "coverage", _("coverage")
        OTHER = "other", _("other")

    presentation = models.ForeignKey(
        Presentation, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_theme = models.BooleanField(_("on the center's theme"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    scope_paths = {k: f"presentation__{v}" for k, v in CENTER_PATHS.items()}

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["presentation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(publication__isnull=True))
                | (Q(event__isnull=True) & Q(publication__isnull=False)),
                name="presentation_item_one_source",
                violation_error_code="item_source",
                violation_error_message=_("A programme item is either an event or a publication."),
            )
        ]

    def __str__(self):
        return str(self.event or self.publication)
