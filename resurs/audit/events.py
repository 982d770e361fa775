"""Human-readable texts of domain events, rendered at display time (never stored)."""

from django.utils.translation import gettext_lazy as _

EVENT_TEXTS = {
    "people.teacher.exported": _("Teacher registry exported (personal data)"),
    "people.teacher.imported": _("Teachers imported"),
    "territory.organization.imported": _("Organizations imported"),
    "people.teacher.login_created": _("Login created for the teacher"),
    "people.consent.given": _("Consent to personal data processing recorded"),
    "people.consent.withdrawn": _("Consent to personal data processing withdrawn"),
    "accounts.role.assigned": _("Role assigned"),
    "accounts.role.ended": _("Role ended"),
    "accounts.user.created": _("User created"),
    "accounts.user.deactivated": _("Account deactivated"),
    "accounts.user.activated": _("Account activated"),
    "accounts.user.password_email_sent": _("Set-password e-mail sent"),
}


def register_events(texts):
    EVENT_TEXTS.update(texts)


def event_text(code):
    return EVENT_TEXTS.get(code, code)


# event code -> callable(data, actor) returning the line that says what happened (who, to whom, why); registered by
# the app that logs the event, rendered when shown.
EVENT_DETAILS = {}


def register_details(details):
    EVENT_DETAILS.update(details)


def event_detail(code, data, actor=None):
    render = EVENT_DETAILS.get(code)
    return str(render(data or {}, actor)) if render else ""
