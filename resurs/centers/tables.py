"""Tables of the centers app's list pages."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import A

from .models import Application, ApplicationDeadline, Center, CenterKind, Order, ReviewCriterion
from .selectors_centers import ending_soon


class CenterTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    organization = tables.Column(verbose_name=_("Base organization"), order_by="organization__short_name")
    municipality = tables.Column(
        verbose_name=_("Municipality"), accessor="organization__municipality", order_by="organization__municipality"
    )
    kind = tables.Column(verbose_name=_("Kind"))
    directions = tables.Column(verbose_name=_("Content directions"), orderable=False, empty_values=())
    term_end = tables.Column(verbose_name=_("Term until"), empty_values=())
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Center
        fields = ("name", "organization", "municipality", "kind", "directions", "term_end", "status")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_organization(self, record):
        return record.organization.short_name

    def render_directions(self, record):
        return ", ".join(d.name for d in record.directions.all()) or "—"

    def render_term_end(self, record):
        if record.term_end is None:
            return "—"
        if ending_soon(record):
            return format_html(
                '{} <span class="badge text-bg-warning">{}</span>', record.term_end.strftime("%d.%m.%Y"), _("ends soon")
            )
        return record.term_end.strftime("%d.%m.%Y")

    def render_status(self, record):
        css = "success" if record.status == Center.Status.ACTIVE else "secondary"
        return format_html('<span class="badge text-bg-{}">{}</span>', css, record.get_status_display())


# --- the application workflow: kinds, criteria, deadlines, applications, orders -----------------------------------


class CenterKindTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    code = tables.Column(verbose_name=_("Code"))
    planning_period = tables.Column(verbose_name=_("Planning period"))
    regulation = tables.Column(verbose_name=_("Regulation"))
    is_active = tables.BooleanColumn(verbose_name=_("In use"), yesno="✓,—")

    class Meta:
        model = CenterKind
        fields = ("name", "code", "planning_period", "regulation", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")


class ReviewCriterionTable(tables.Table):
    name = tables.Column(verbose_name=_("Criterion"), linkify=("centers:criterion-update", [A("pk")]))
    max_score = tables.Column(verbose_name=_("Maximum score"))
    clause = tables.Column(verbose_name=_("Source"))
    sort_order = tables.Column(verbose_name=_("Sort order"))
    is_active = tables.BooleanColumn(verbose_name=_("In use"), yesno="✓,—")

    class Meta:
        model = ReviewCriterion
        fields = ("name", "max_score", "clause", "sort_order", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")


class ReviewCriterionReadTable(ReviewCriterionTable):
    name = tables.Column(verbose_name=_("Criterion"))


class ApplicationDeadlineTable(tables.Table):
    municipality = tables.Column(verbose_name=_("Municipality"))
    year = tables.Column(verbose_name=_("Year"))
    deadline = tables.DateColumn(
        verbose_name=_("Deadline"), format="d.m.Y", linkify=("centers:deadline-update", [A("pk")])
    )

    class Meta:
        model = ApplicationDeadline
        fields = ("municipality", "year", "deadline")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No deadlines set: applications are accepted until 15 May.")


class DeadlineReadTable(ApplicationDeadlineTable):
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="d.m.Y")


APPLICATION_BADGES = {"draft": "secondary", "under_review": "info", "approved": "success", "rejected": "danger"}


class ApplicationTable(tables.Table):
    title = tables.Column(verbose_name=_("Proposed name of the center"), linkify=True)
    organization = tables.Column(verbose_name=_("Organization"), order_by="organization__short_name")
    municipality = tables.Column(
        verbose_name=_("Municipality"), accessor="organization__municipality", order_by="organization__municipality"
    )
    kind = tables.Column(verbose_name=_("Center kind"))
    status = tables.Column(verbose_name=_("Status"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Submitted"), format="d.m.Y H:i")
    decided_at = tables.DateTimeColumn(verbose_name=_("Decided"), format="d.m.Y")

    class Meta:
        model = Application
        fields = ("title", "organization", "municipality", "kind", "status", "submitted_at", "decided_at")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_organization(self, record):
        return record.organization.short_name

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            APPLICATION_BADGES.get(record.status, "secondary"),
            record.get_status_display(),
        )


class OrderTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), linkify=True)
    date = tables.DateColumn(verbose_name=_("Date"), format="d.m.Y")
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"))
    issuer = tables.Column(verbose_name=_("Issued by"), empty_values=(), orderable=False)
    center = tables.Column(verbose_name=_("Center"), linkify=True)
    files = tables.Column(verbose_name=_("Files"), empty_values=(), orderable=False)

    class Meta:
        model = Order
        fields = ("number", "date", "title", "kind", "issuer", "center", "files")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_issuer(self, record):
        return str(record.issuer)

    def render_files(self, record):
        parts = []
        if record.document_id:
            parts.append(format_html('<a href="{}">DOCX</a>', reverse("centers:order-document", args=[record.pk])))
        if record.signed_scan:
            parts.append(format_html('<a href="{}">{}</a>', reverse("centers:order-scan", args=[record.pk]), _("scan")))
        return format_html_join(" · ", "{}", ((p,) for p in parts)) if parts else "—"
