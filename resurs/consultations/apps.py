"""Consultations of the centers: requests from teachers and organizations, answers and meetings (SPEC §6; 000 § 2.2, 3.8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "resurs.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from resurs.audit.events import register_details, register_events
        from resurs.common.context_processors import register_menu

        from . import exports, permissions  # noqa: F401  (registers the export)

        permissions.register_all()
        section = _("Consultations")
        register_menu("consultations:consultation-list", _("Consultations"), permissions.VIEW, section)
        register_menu("consultations:consultation-create", _("Ask for a consultation"), permissions.ADD, section)
        register_menu("consultations:my-consultations", _("My consultations"), permissions.RATE, section)
        register_menu("consultations:consultation-stats", _("Consultation counts"), permissions.EXPORT, section)
        register_events(
            {
                "consultations.consultation.asked": _("Consultation requested"),
                "consultations.consultation.assign": _("Methodist assigned"),
                "consultations.consultation.reject": _("Consultation request rejected"),
                "consultations.consultation.answer": _("Consultation answered in writing"),
                "consultations.consultation.schedule": _("Consultation meeting scheduled"),
                "consultations.consultation.hold": _("Consultation meeting held"),
                "consultations.consultation.close": _("Consultation closed"),
                "consultations.consultation.cancel": _("Consultation request cancelled"),
                "consultations.consultation.rate": _("Consultation rated"),
            }
        )
        register_details(
            {
                "consultations.consultation.assign": _methodist_detail,
                "consultations.consultation.reject": _reason_detail,
                "consultations.consultation.schedule": _meeting_detail,
                "consultations.consultation.rate": _rating_detail,
            }
        )


def _methodist_detail(data, actor):
    return data.get("methodist", "")


def _reason_detail(data, actor):
    from django.utils.translation import gettext

    return gettext("reason: %(reason)s") % {"reason": data.get("reason", "")}


def _meeting_detail(data, actor):
    return f"{data.get('meeting_at', '')}, {data.get('place', '')}"


def _rating_detail(data, actor):
    return str(data.get("rating", ""))
