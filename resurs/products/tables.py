"""Tables of the product, publication and programme lists."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Presentation, Product, Publication

STATUS_BADGES = {
    "draft": "secondary",
    "review": "info",
    "revision": "warning",
    "approved": "primary",
    "rejected": "danger",
    "published": "success",
}


class ProductTable(tables.Table):
    title = tables.Column(verbose_name=_("Product"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"))
    center = tables.Column(verbose_name=_("Center"), accessor="center__name", order_by=("center__name",))
    authors = tables.Column(verbose_name=_("Authors"), empty_values=(), orderable=False)
    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status"))
    download_count = tables.Column(verbose_name=_("Downloads"))

    class Meta:
        model = Product
        fields = ()
        sequence = ("title", "kind", "center", "authors", "year", "status", "download_count")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "product-list"}
        row_attrs = {"data-product": lambda record: record.pk}
        empty_text = _("No products.")

    def render_kind(self, record):
        return record.get_kind_display()

    def render_authors(self, record):
        return ", ".join(a.teacher.full_name for a in record.authors.all())

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}" data-status="{}">{}</span>',
            STATUS_BADGES.get(record.status, "secondary"),
            record.status,
            record.get_status_display(),
        )


class PublicationTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    center = tables.Column(verbose_name=_("Center"), accessor="center__name", order_by=("center__name",))
    channel = tables.Column(verbose_name=_("Channel"))
    date = tables.DateColumn(verbose_name=_("Date"), format="d.m.Y")
    url = tables.Column(verbose_name=_("Link"), orderable=False)

    class Meta:
        model = Publication
        fields = ()
        sequence = ("title", "center", "channel", "date", "url")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "publication-list"}
        empty_text = _("No publications.")

    def render_channel(self, record):
        return record.get_channel_display()

    def render_url(self, value):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, value) if value else ""


class PresentationTable(tables.Table):
    title = tables.Column(verbose_name=_("Programme"), linkify=True)
    center = tables.Column(verbose_name=_("Center"), accessor="center__name", order_by=("center__name",))
    date = tables.DateColumn(verbose_name=_("Date"), format="d.m.Y")

    class Meta:
        model = Presentation
        fields = ()
        sequence = ("title", "center", "date")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "presentation-list"}
        empty_text = _("No programmes.")
