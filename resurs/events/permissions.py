"""Permission codes of events and the shipped roles' share of them (000 § 6.2, 6.3.1, 7.1.1; 001 § 3.1, 5.7–5.9)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register


def register_all():
    register(model_codes("events", "event", _("Events"), ("view", "add", "change", "delete", "export")))
    register(
        {
            "events.event:publish": _("Events: publish, open and close registration"),
            "events.event:hold": _("Events: mark held"),
            "events.event:cancel": _("Events: cancel"),
        }
    )
    register(model_codes("events", "registration", _("Registrations"), ("view", "add", "change", "export")))
    register({"events.registration:attend": _("Registrations: mark attendance and check in")})
    register(model_codes("events", "certificate", _("Certificates"), ("view", "add", "change")))
    register(model_codes("events", "feedback", _("Feedback on events"), ("view", "add")))
    staff = [
        "events.event:view",
        "events.event:add",
        "events.event:change",
        "events.event:delete",
        "events.event:export",
        "events.event:publish",
        "events.event:hold",
        "events.event:cancel",
        "events.registration:view",
        "events.registration:add",
        "events.registration:change",
        "events.registration:export",
        "events.registration:attend",
        "events.certificate:view",
        "events.certificate:add",
        "events.certificate:change",
        "events.feedback:view",
    ]
    grant("center_head", staff)
    grant("center_organizer", staff)
    grant("methodist", staff)
    readers = ["events.certificate:view", "events.feedback:view"]
    grant(
        "center_reporter",
        [
            "events.event:view",
            "events.event:export",
            "events.registration:view",
            "events.registration:export",
            *readers,
        ],
    )
    grant("coordinator", ["events.event:view", "events.registration:view", *readers])
    grant(
        "department",
        [
            "events.event:view",
            "events.event:export",
            "events.registration:view",
            "events.registration:export",
            *readers,
        ],
    )
    grant("regional", ["events.event:view", "events.registration:view", *readers])
    # An organization administrator registers its own teachers and sees their registrations (000 § 7.1.1).
    grant(
        "org_admin",
        [
            "events.registration:view",
            "events.registration:add",
            "events.registration:change",
            "events.certificate:view",
        ],
    )
    # A teacher registers themselves (the self scope reaches only their own registrations) and sees their own.
    # Their own certificates, and the survey of the events they attended.
    grant(
        "teacher",
        [
            "events.registration:view",
            "events.registration:add",
            "events.certificate:view",
            "events.feedback:view",
            "events.feedback:add",
        ],
    )
