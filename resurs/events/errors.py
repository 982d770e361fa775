"""Error codes of the events app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "already_registered": _("The teacher is already registered for this event."),
    "capacity": _("Give at least one seat, or leave the number of seats empty."),
    "period": _("The event cannot end before it starts."),
    "registration_window": _("Registration cannot close before it opens."),
}
