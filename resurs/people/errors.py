"""Error codes of the people app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "birth_date": _("Birth date is in the future."),
    "consent_in_force": _("A consent is already in force; withdraw it first."),
    "dates": _("The category cannot expire before it was assigned."),
    "duplicate": _("Such a record already exists."),
    "email_required": _("Enter the teacher's e-mail first: the letter to set a password goes there."),
    "experience": _("Experience in the specialty cannot exceed total experience."),
    "login_exists": _("The teacher already has a login."),
    "no_consent": _("There is no consent in force to withdraw."),
    "username_required": _("Enter the login."),
    "username_taken": _("This login is taken."),
    "withdrawal_date": _("A consent cannot be withdrawn before it was given."),
}
