"""Error codes of the products app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "already_assigned": _("The expert is already assigned to the product."),
    "author_municipality": _("The author is not a teacher of the center's municipality."),
    "channel": _("The channel is not chosen."),
    "comment_required": _("Returning for revision or rejecting needs a comment."),
    "date_required": _("The date is missing."),
    "duplicate_author": _("The teacher is already an author of the product."),
    "event_cancelled": _("The event is cancelled."),
    "file_or_link": _("A file or a link is needed, not both."),
    "in_programme": _("The publication is part of a presentation programme."),
    "item_center": _("The event or publication belongs to another center."),
    "item_kind": _("The kind of the programme item is not chosen."),
    "item_source": _("A programme item is either an event or a publication."),
    "kind": _("The kind of the product is not chosen."),
    "max_score": _("The maximum score must be between 1 and 100."),
    "no_authors": _("The product has no authors."),
    "no_reviews": _("No expert has submitted a review of the product yet."),
    "not_assigned": _("Only the assigned expert scores the review."),
    "own_product": _("An expert cannot review or decide on a product they made or co-authored."),
    "product_center": _("The product belongs to another center."),
    "read_only": _("The center is terminated; its records are read-only."),
    "recommendation_required": _("The recommendation is not chosen."),
    "reviewer_not_expert": _("The user is not an expert who may review the product."),
    "score_range": _("A score is outside its range or the criterion is not in use."),
    "scores_incomplete": _("The product is not scored by every criterion."),
    "title_required": _("The title is missing."),
    "url_scheme": _("A link starts with https:// or http://."),
    "year": _("The year must be between 2000 and 2100."),
}
