"""XLSX exports of the products registry and of publications through the common exporter (SPEC §7, §12)."""

from django.utils.translation import gettext_lazy

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from . import selectors
from .filtersets import ProductFilterSet, PublicationFilterSet
from .models import Product, Publication


def _names(items):
    return ", ".join(str(i) for i in items)


class ProductExporter(Exporter):
    title = gettext_lazy("Methodological products")
    columns = (
        (gettext_lazy("Title"), lambda p: p.title),
        (gettext_lazy("Kind"), lambda p: p.get_kind_display()),
        (gettext_lazy("Center"), lambda p: p.center.name),
        (
            gettext_lazy("Authors"),
            lambda p: _names(f"{a.teacher.full_name} ({a.organization})" for a in p.authors.all()),
        ),
        (gettext_lazy("Content direction"), lambda p: p.direction.name if p.direction_id else ""),
        (gettext_lazy("Subjects"), lambda p: _names(p.subjects.all())),
        (gettext_lazy("Levels of education"), lambda p: _names(p.levels.all())),
        (gettext_lazy("Year"), lambda p: p.year),
        (gettext_lazy("Status"), lambda p: p.get_status_display()),
        (gettext_lazy("Published"), lambda p: p.published_at),
        (gettext_lazy("Proposed for replication"), lambda p: p.proposed_for_replication),
        (gettext_lazy("Downloads"), lambda p: p.download_count),
        (gettext_lazy("Keywords"), lambda p: p.keywords),
        (gettext_lazy("Annotation"), lambda p: p.annotation),
    )

    def rows(self):
        # prefetch_related needs chunks with iterator(): the relations come in one query per chunk.
        yield from self.queryset.prefetch_related("subjects", "levels").iterator(chunk_size=2000)


class PublicationExporter(Exporter):
    title = gettext_lazy("Publications")
    columns = (
        (gettext_lazy("Title"), lambda p: p.title),
        (gettext_lazy("Center"), lambda p: p.center.name),
        (gettext_lazy("Channel"), lambda p: p.get_channel_display()),
        (gettext_lazy("Date"), lambda p: p.date),
        (gettext_lazy("Link"), lambda p: p.url),
    )


register_export(
    "products.product",
    queryset=lambda: selectors.products_overview(Product.objects.order_by("-created_at", "-id")),
    filterset=ProductFilterSet,
    exporter=ProductExporter,
)
register_export(
    "products.publication",
    queryset=lambda: selectors.publications_overview(Publication.objects.order_by("-date", "-id")),
    filterset=PublicationFilterSet,
    exporter=PublicationExporter,
)
