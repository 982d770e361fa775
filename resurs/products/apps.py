"""Methodological products, their expert review, the public bank of best practices, publications and presentation programmes (SPEC §7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "resurs.products"
    label = "products"
    verbose_name = _("Methodological products")
