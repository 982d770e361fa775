"""Monitoring of the municipal education system: indicators, data requests, identification of ШНОР/ШФНСУ, support (SPEC §9; 004)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "resurs.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from resurs.audit.events import register_details, register_events
        from resurs.common.context_processors import register_menu

        from . import exports, imports, permissions, services  # noqa: F401  (registers the exports, importer, job)

        permissions.register_all()
        section = _("Monitoring")
        register_menu("monitoring:response-list", _("Data request answers"), "monitoring.dataresponse:view", section)
        register_menu("monitoring:request-list", _("Data requests"), "monitoring.datarequest:view", section)
        register_menu("monitoring:result-list", _("Assessment results"), "monitoring.assessmentresult:view", section)
        register_menu(
            "monitoring:run-list", _("Identification of schools"), "monitoring.identificationrun:view", section
        )
        register_menu("monitoring:support-list", _("Support of schools"), "monitoring.supportcase:view", section)
        register_menu("monitoring:methodology-list", _("Methodologies"), "monitoring.methodology:view", section)
        register_menu("monitoring:indicator-list", _("Indicators"), "monitoring.indicator:view", section)
        register_events(
            {
                "monitoring.request.sent": _("Data request sent"),
                "monitoring.request.reminded": _("Reminder about the data request sent"),
                "monitoring.response.submitted": _("Answer submitted"),
                "monitoring.response.returned": _("Answer returned for correction"),
                "monitoring.response.accepted": _("Answer accepted"),
                "monitoring.results.imported": _("Assessment results imported"),
                "monitoring.methodology.versioned": _("New version of the methodology"),
                "monitoring.run.started": _("Identification run started"),
                "monitoring.support.opened": _("Support of the school opened"),
                "monitoring.support.step_added": _("Step added to the support plan"),
            }
        )
        register_details({"monitoring.response.returned": _comment, "monitoring.support.step_added": _step})


def _comment(data, actor):
    return data.get("comment", "")


def _step(data, actor):
    return data.get("step", "")
