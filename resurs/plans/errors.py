"""Error codes of the plans app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "association_center": _("The association belongs to another center."),
    "comment_required": _("Write what should be revised."),
    "date_missing": _("Give the date."),
    "date_outside_period": _("The date must be within the plan's period."),
    "deadline_range": _("The deadline must be within a year of the period's start."),
    "duplicate": _("Such a record already exists."),
    "duplicate_plan": _("A plan for this period already exists."),
    "empty_plan": _("The plan has no items."),
    "item_plan": _("The item belongs to another plan."),
    "not_agreed": _("Execution is tracked once the plan is agreed."),
    "nothing_to_copy": _("There is no plan of the previous period to copy."),
    "period": _("The period cannot end before it starts."),
    "read_only": _("The center is terminated; its records are read-only."),
    "reason_required": _("Give the reason for cancelling."),
    "reschedule_incomplete": _("Give the new date and the reason."),
    "unknown_execution": _("Unknown execution state."),
    "venue_and_online": _("Choose either a venue or online, not both."),
    "venue_municipality": _("The venue must be an organization of the municipality."),
}
