"""Error codes of the development app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "deadline_outside_period": _("The step's deadline must be within the route's period."),
    "deficit_not_of_teacher": _("Only deficits found by the teacher's own diagnostics can be addressed."),
    "duplicate_course": _("The teacher already has this course with this start date."),
    "duplicate_result": _("The teacher already has a result in this competence of this diagnostic."),
    "event_required": _("Choose the event of an event step."),
    "center": _("The center must be of the procedure's municipality."),
    "evidence_required": _("Attach a file, give a link or describe the evidence."),
    "expiry_required": _("Give the end date of a category granted before 01.09.2023."),
    "mentor_self": _("A teacher cannot mentor themselves."),
    "not_proposed": _("This is not among the current proposals for the teacher."),
    "not_tutor": _("Only the route's tutor agrees it."),
    "organization": _("The organization must be of the procedure's municipality."),
    "perpetual_category": _("A category granted from 01.09.2023 has no end date."),
    "period": _("The period cannot end before it starts."),
    "product_required": _("Choose the product to study."),
    "reason_required": _("Give the reason for closing."),
    "reflection_required": _("Write the reflection before completing the route."),
    "score_range": _("The score must be from 0 to the maximum, and the maximum above 0."),
    "step_done": _("The step is already done or cancelled."),
    "step_route": _("The step belongs to another route."),
    "threshold_range": _("The threshold is a share from 0 to 100."),
    "tutor_required": _("Choose the tutor before agreeing."),
    "tutor_scope": _("The tutor must be a methodist who may agree routes of this teacher."),
}
