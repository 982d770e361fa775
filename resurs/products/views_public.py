"""The public bank of best practices (SPEC §7, §11; 001 § 2.2; 000 § 3.8): published products only, open without a
login, with the Russian full-text search (search.py) and filters by direction, subject, level, kind, center and
year; a product's page with its authors and files to download (each download counted). A product that is not
published is not found (404), nor are its files."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import generic

from resurs.catalogs.models import ContentDirection, EducationLevel, Subject
from resurs.centers.models import Center
from resurs.common.filtersets import pk_or_none

from . import search, selectors, services
from .models import Product, ProductFile
from .views import file_download

YEARS_OFFERED = 10  # the year filter offers the last ten years (any year 2000–2100 is accepted)
FILTERS = ("q", "direction", "subject", "level", "kind", "center", "year")


def _year(value):
    text = (value or "").strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def bank_queryset(params):
    """The published products matching the bank's query string (a value that is no id or year is no filter)."""
    queryset = selectors.published_products()
    if (direction := pk_or_none(params.get("direction"))) is not None:
        queryset = queryset.filter(direction_id=direction)
    if (subject := pk_or_none(params.get("subject"))) is not None:
        queryset = queryset.filter(
            pk__in=Product.subjects.through.objects.filter(subject_id=subject).values("product_id")
        )
    if (level := pk_or_none(params.get("level"))) is not None:
        queryset = queryset.filter(
            pk__in=Product.levels.through.objects.filter(educationlevel_id=level).values("product_id")
        )
    if params.get("kind") in Product.Kind.values:
        queryset = queryset.filter(kind=params["kind"])
    if (center := pk_or_none(params.get("center"))) is not None:
        queryset = queryset.filter(center_id=center)
    if (year := _year(params.get("year"))) is not None:
        queryset = queryset.filter(year=year)
    queryset = search.search(queryset, (params.get("q") or "")[:200])
    return selectors.public_bank(queryset)


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 matches: «more than 1,000 found» costs a bounded scan, an exact count of a third of the
    bank does not (bench/products_search.md); past the cap the visitor narrows the search."""

    CAP = 1000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.CAP + 1].count()


class BankView(generic.ListView):
    template_name = "products/public_list.html"
    context_object_name = "products"
    paginate_by = 20
    paginator_class = CappedPaginator

    def get_queryset(self):
        return bank_queryset(self.request.GET)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = selectors.published_products()
        context["directions"] = ContentDirection.objects.filter(is_active=True)
        context["subjects"] = Subject.objects.filter(is_active=True)
        context["levels"] = EducationLevel.objects.filter(is_active=True)
        context["kinds"] = Product.Kind.choices
        # Choices without a scan of the bank: centers by an EXISTS on the (center, status) index, the last ten years.
        has_published = published.filter(center_id=OuterRef("pk"))
        context["centers"] = Center.objects.filter(Exists(has_published)).order_by("name")
        this_year = timezone.localdate().year
        context["years"] = list(range(this_year, this_year - YEARS_OFFERED, -1))
        context["capped"] = context["paginator"].count > CappedPaginator.CAP
        context["cap"] = CappedPaginator.CAP
        context["params"] = {name: self.request.GET.get(name, "")[:200] for name in FILTERS}
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class ProductPublicView(generic.TemplateView):
    template_name = "products/public_detail.html"

    def get_context_data(self, **kwargs):
        product = get_object_or_404(selectors.public_bank().annotate(n_files=Count("files")), pk=kwargs["pk"])
        return {
            **super().get_context_data(**kwargs),
            "product": product,
            "files": list(product.files.order_by("id")),
        }


class PublicFileView(generic.View):
    """A file of a published product, counted, as an attachment with its safe content type."""

    def get(self, request, pk):
        item = get_object_or_404(ProductFile.objects.filter(product__in=selectors.published_products()), pk=pk)
        response = file_download(item)
        services.record_download(item=item)
        return response
