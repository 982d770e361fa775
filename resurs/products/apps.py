"""Methodological products, their expert review, the public bank of best practices, publications and presentation programmes (SPEC §7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "resurs.products"
    label = "products"
    verbose_name = _("Methodological products")

    def ready(self):
        from resurs.audit.events import register_details, register_events
        from resurs.common.context_processors import register_menu

        from . import exports, permissions  # noqa: F401  (registers the exports)

        permissions.register_all()
        section = _("Methodological products")
        register_menu("products:product-list", _("Registry of products"), "products.product:view", section)
        register_menu("products:product-create", _("New product"), "products.product:add", section)
        register_menu("products:my-reviews", _("My expert reviews"), "products.product:review", section)
        register_menu("products:replication-list", _("Proposed for replication"), "products.product:view", section)
        register_menu("products:publication-list", _("Publications"), "products.publication:view", section)
        register_menu("products:presentation-list", _("Presentation programmes"), "products.presentation:view", section)
        register_menu("products:criterion-list", _("Review criteria"), "products.criterion:change", section)
        register_events(
            {
                "products.product.created": _("Product recorded"),
                "products.product.deleted": _("Product deleted"),
                "products.product.submit": _("Product sent to expert review"),
                "products.product.approve": _("Product approved"),
                "products.product.revise": _("Product returned for revision"),
                "products.product.reject": _("Product rejected"),
                "products.product.publish": _("Product published in the bank of best practices"),
                "products.product.unpublish": _("Product withdrawn from the bank of best practices"),
                "products.product.proposed": _("Product proposed for replication"),
                "products.product.unproposed": _("Proposal for replication withdrawn"),
                "products.file.added": _("File or link added"),
                "products.file.removed": _("File or link removed"),
                "products.review.assigned": _("Expert assigned"),
                "products.review.submitted": _("Expert review submitted"),
                "products.publication.created": _("Publication recorded"),
                "products.presentation.created": _("Presentation programme created"),
                "products.presentation.item_added": _("Item added to the programme"),
                "products.presentation.item_removed": _("Item removed from the programme"),
            }
        )
        register_details(
            {
                "products.file.added": _title_detail,
                "products.file.removed": _title_detail,
                "products.presentation.item_added": _title_detail,
                "products.presentation.item_removed": _title_detail,
                "products.review.assigned": _reviewer_detail,
                "products.review.submitted": _reviewer_detail,
                "products.product.revise": _comment_detail,
                "products.product.reject": _comment_detail,
            }
        )


def _title_detail(data, actor):
    return data.get("title", "")


def _reviewer_detail(data, actor):
    return data.get("reviewer", "")


def _comment_detail(data, actor):
    return data.get("comment", "")
