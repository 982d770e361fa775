"""Permission codes of products and the shipped roles' share of them (000 § 6.3.2–6.3.4; 003 § 4.9; 001 § 2.2)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register


def register_all():
    register(
        model_codes("products", "product", _("Methodological products"), ("view", "add", "change", "delete", "export"))
    )
    register(
        {
            "products.product:submit": _("Methodological products: send to expert review"),
            "products.product:assign": _("Methodological products: assign reviewers"),
            "products.product:review": _("Methodological products: review and score"),
            "products.product:decide": _("Methodological products: decide after review"),
            "products.product:publish": _("Methodological products: publish in the bank of best practices"),
            "products.product:propose": _("Methodological products: propose for replication"),
        }
    )
    register(model_codes("products", "criterion", _("Review criteria of products"), ("view", "add", "change")))
    register(model_codes("products", "publication", _("Publications"), ("view", "add", "change", "delete", "export")))
    register(model_codes("products", "presentation", _("Presentation programmes"), ("view", "add", "change", "delete")))
    product_staff = [
        "products.product:view",
        "products.product:add",
        "products.product:change",
        "products.product:delete",
        "products.product:export",
        "products.product:submit",
        "products.product:propose",
    ]
    publication_staff = [
        "products.publication:view",
        "products.publication:add",
        "products.publication:change",
        "products.publication:delete",
        "products.publication:export",
        "products.presentation:view",
        "products.presentation:add",
        "products.presentation:change",
        "products.presentation:delete",
    ]
    # The center reporter keeps the registries of products and publications (000 § 6.3.2, 6.3.3); the head does
    # everything inside the center and assigns reviewers and publishes (000 § 6.1); the methodist records products.
    grant("center_head", [*product_staff, *publication_staff, "products.product:assign", "products.product:publish"])
    grant("center_reporter", [*product_staff, *publication_staff, "products.product:publish"])
    grant("methodist", [*product_staff, "products.publication:view", "products.presentation:view"])
    grant(
        "center_organizer",
        ["products.product:view", "products.publication:view", "products.presentation:view"],
    )
    grant("coordinator", ["products.product:view", "products.publication:view", "products.presentation:view"])
    # The department assigns the expert council's reviewers and decides (003 § 4.9, 5.2); it sees the best practices
    # proposed for replication (000 § 6.3.4) and keeps the criteria.
    grant(
        "department",
        [
            "products.product:view",
            "products.product:export",
            "products.product:assign",
            "products.product:decide",
            "products.product:publish",
            "products.criterion:view",
            "products.criterion:add",
            "products.criterion:change",
            "products.publication:view",
            "products.publication:export",
            "products.presentation:view",
        ],
    )
    grant("expert", ["products.product:view", "products.product:review", "products.criterion:view"])
    grant("regional", ["products.product:view", "products.publication:view", "products.presentation:view"])
    # A teacher records their own product for a center (the self scope reaches the products they recorded).
    grant(
        "teacher",
        ["products.product:view", "products.product:add", "products.product:change", "products.product:submit"],
    )
