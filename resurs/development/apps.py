"""Teacher development: diagnostics of deficits, individual educational routes, courses, mentoring, attestation (SPEC §8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "resurs.development"
    label = "development"
    verbose_name = _("Teacher development")

    def ready(self):
        from resurs.audit.events import register_details, register_events
        from resurs.common.context_processors import register_menu

        from . import exports, imports, permissions, services  # noqa: F401  (registers exports, importers, the job)

        permissions.register_all()
        section = _("Teacher development")
        register_menu("development:cabinet", _("My development"), "development.route:view", section)
        register_menu("development:procedure-list", _("Diagnostics"), "development.diagnosticprocedure:view", section)
        register_menu("development:result-list", _("Diagnostic results"), "development.diagnosticresult:view", section)
        register_menu("development:route-list", _("Individual routes"), "development.route:view", section)
        register_menu("development:course-list", _("Courses"), "development.course:view", section)
        register_menu(
            "development:experience-list", _("Sharing of experience"), "development.experiencesharing:view", section
        )
        register_menu("development:mentoring-list", _("Mentoring"), "development.mentoringpair:view", section)
        register_menu("development:attestation-list", _("Attestation"), "development.attestation:view", section)
        register_menu("development:analysis", _("Association analysis"), "development.analysis:view", section)
        register_events(
            {
                "development.route.created": _("Route created"),
                "development.route.agree": _("Route agreed with the tutor"),
                "development.route.start": _("Route started"),
                "development.route.complete": _("Route completed"),
                "development.route.close": _("Route closed"),
                "development.step.added": _("Route step added"),
                "development.step.changed": _("Route step changed"),
                "development.step.done": _("Route step done"),
                "development.step.cancelled": _("Route step cancelled"),
                "development.step.attended": _("Route step done by attendance"),
                "development.results.imported": _("Diagnostic results imported"),
                "development.courses.imported": _("Courses imported"),
                "development.attestation.recorded": _("Attestation recorded"),
                "development.recommendations.computed": _("Recommendations computed"),
            }
        )
        register_details(
            dict.fromkeys(
                (
                    "development.step.added",
                    "development.step.changed",
                    "development.step.done",
                    "development.step.cancelled",
                    "development.step.attended",
                    "development.route.close",
                ),
                _step_detail,
            )
        )
        _connect_attendance()


def _connect_attendance():
    """Register the attendance callback with the events app, once it offers the hook (issue 9's marking)."""
    from resurs.events import services as event_services

    from .services import on_attendance

    hook = getattr(event_services, "on_attendance", None)
    if hook is not None:
        hook(on_attendance)


def _step_detail(data, actor):
    from django.utils.translation import gettext

    text = data.get("step", "")
    if data.get("reason"):
        text += gettext("reason: %(reason)s") % {"reason": data["reason"]}
    return text
