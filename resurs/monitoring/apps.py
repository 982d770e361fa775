"""Monitoring of the municipal education system: indicators, data requests, identification of ШНОР/ШФНСУ, support (SPEC §9; 004)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "resurs.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
