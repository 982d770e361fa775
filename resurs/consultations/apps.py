"""Consultations of the centers: requests from teachers and organizations, answers and meetings (SPEC §6; 000 § 2.2, 3.8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "resurs.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
