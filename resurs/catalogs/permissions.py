"""Permission codes of the reference lists."""

from resurs.accounts.roles import SHIPPED_ROLES, grant
from resurs.common.permissions import model_codes, register

from .models import CATALOG_MODELS


def register_all():
    for name, model in CATALOG_MODELS.items():
        register(model_codes("catalogs", name, model._meta.verbose_name_plural))
        for role in SHIPPED_ROLES:
            grant(role, [f"catalogs.{name}:view"])
        grant("department", [f"catalogs.{name}:{a}" for a in ("add", "change", "delete")])
