"""The product workflow (SPEC §7; 000 § 6.3.2; 003 § 4.9; 001 § 2.2), one table:
draft → review (the center sends it to expert review) → approved, returned for revision (→ review again) or rejected
(final); approved → published in the public bank of best practices ⇄ withdrawn back to approved."""

from resurs.common.workflow import Transition

from .models import Product

S = Product.Status

PRODUCT = {
    "edit": Transition(source={S.DRAFT, S.REVISION}, target=None, code="products.product:change"),
    "submit": Transition(source={S.DRAFT, S.REVISION}, target=S.REVIEW, code="products.product:submit"),
    "assign": Transition(source={S.REVIEW}, target=None, code="products.product:assign"),
    "review": Transition(source={S.REVIEW}, target=None, code="products.product:review"),
    "approve": Transition(source={S.REVIEW}, target=S.APPROVED, code="products.product:decide"),
    "revise": Transition(source={S.REVIEW}, target=S.REVISION, code="products.product:decide"),
    "reject": Transition(source={S.REVIEW}, target=S.REJECTED, code="products.product:decide"),
    "publish": Transition(source={S.APPROVED}, target=S.PUBLISHED, code="products.product:publish"),
    "unpublish": Transition(source={S.PUBLISHED}, target=S.APPROVED, code="products.product:publish"),
    "propose": Transition(source={S.APPROVED, S.PUBLISHED}, target=None, code="products.product:propose"),
    "delete": Transition(source={S.DRAFT}, target=None, code="products.product:delete"),
}

# The decisions on a product under review (the buttons of the decision form, the API actions).
DECISIONS = ("approve", "revise", "reject")
# The buttons of the product page, in this order.
ACTIONS = ("submit", "approve", "revise", "reject", "publish", "unpublish")

# The public bank shows these only (selectors.published_products).
PUBLIC_STATUSES = (S.PUBLISHED,)
