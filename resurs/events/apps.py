"""Events: calendar, registration with capacity and waitlist, attendance, feedback, certificates (SPEC §6)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "resurs.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from resurs.audit.events import register_details, register_events
        from resurs.common.context_processors import register_menu

        from . import permissions

        permissions.register_all()
        section = _("Events")
        register_menu("events:event-list", _("Events"), "events.event:view", section)
        register_menu("events:event-create", _("New event"), "events.event:add", section)
        register_menu("events:my-registrations", _("My registrations"), "events.registration:view", section)
        register_menu("events:feedback-centers", _("Feedback on events"), "events.event:view", section)
        register_events(
            {
                "events.event.created": _("Event created"),
                "events.event.publish": _("Event published"),
                "events.event.open": _("Registration opened"),
                "events.event.close": _("Registration closed"),
                "events.event.draft": _("Event returned to draft"),
                "events.event.hold": _("Event marked held"),
                "events.event.cancel": _("Event cancelled"),
                "events.event.reminded": _("Reminders sent"),
                "events.speaker.added": _("Speaker added"),
                "events.speaker.removed": _("Speaker removed"),
                "events.material.added": _("Material added"),
                "events.material.removed": _("Material removed"),
                "events.registration.created": _("Teacher registered"),
                "events.registration.cancelled": _("Registration cancelled"),
                "events.registration.promoted": _("Moved from the waitlist"),
                "events.registration.attendance": _("Attendance marked"),
                "events.registration.checked_in": _("Checked in"),
                "events.certificate.issued": _("Certificate issued"),
                "events.certificate.reissued": _("Certificate re-issued"),
                "events.certificate.revoked": _("Certificate revoked"),
                "events.feedback.given": _("Survey answered"),
                "events.teacher.created_public": _("Teacher record created from the public registration form"),
            }
        )
        register_details(
            {
                "events.registration.created": _teacher_detail,
                "events.registration.cancelled": _teacher_detail,
                "events.registration.promoted": _teacher_detail,
                "events.registration.attendance": _teacher_detail,
                "events.registration.checked_in": _teacher_detail,
                "events.certificate.issued": _certificate_detail,
                "events.certificate.reissued": _certificate_detail,
                "events.certificate.revoked": _certificate_detail,
                "events.speaker.added": _name_detail,
                "events.speaker.removed": _name_detail,
                "events.material.added": _title_detail,
                "events.material.removed": _title_detail,
                "events.event.cancel": _reason_detail,
            }
        )


def _teacher_detail(data, actor):
    return data.get("teacher", "")


def _certificate_detail(data, actor):
    return f"№ {data.get('number', '')} {data.get('name', '')}".strip()


def _name_detail(data, actor):
    return data.get("name", "")


def _title_detail(data, actor):
    return data.get("title", "")


def _reason_detail(data, actor):
    from django.utils.translation import gettext

    return gettext("reason: %(reason)s") % {"reason": data.get("reason", "")}
