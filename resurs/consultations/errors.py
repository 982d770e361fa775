"""Error codes of the consultations app: what a refusal with each code means (the API's `code`, a form's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "already_rated": _("The consultation is already rated."),
    "answer_required": _("The answer is empty."),
    "center_outside": _("The center is not an active center of the asker's municipality."),
    "meeting_in_past": _("The meeting cannot be in the past."),
    "meeting_not_started": _("The meeting has not taken place yet."),
    "methodist_outside": _("The person is not a methodist of the center."),
    "no_teacher_record": _("Your login has no teacher record."),
    "not_assigned_methodist": _("Only the methodist assigned to the consultation does this."),
    "place_required": _("A meeting needs a place or a link."),
    "question_required": _("The topic or the question is empty."),
    "rating_range": _("The rating is a whole number from 1 to 5."),
    "reason_required": _("The reason is missing."),
    "teacher_outside": _("The teacher is not of the asker's organization."),
}
