"""Permission codes of the territory app and the shipped roles' share of them."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register

ALL = ("view", "add", "change", "delete")


def register_all():
    register(model_codes("territory", "region", _("Regions"), ALL))
    register(model_codes("territory", "municipality", _("Municipalities"), ALL))
    register(model_codes("territory", "educationaldistrict", _("Educational districts"), ALL))
    register(model_codes("territory", "organization", _("Organizations"), ALL + ("export", "import")))
    views = [f"territory.{m}:view" for m in ("region", "municipality", "educationaldistrict", "organization")]
    for role in (
        "regional",
        "department",
        "expert",
        "coordinator",
        "center_head",
        "center_organizer",
        "center_reporter",
        "methodist",
        "org_admin",
    ):
        grant(role, views)
    grant("regional", ["territory.organization:export"])
    grant(
        "department",
        [f"territory.{m}:{a}" for m in ("municipality", "educationaldistrict", "organization") for a in ("change",)]
        + [
            "territory.educationaldistrict:add",
            "territory.educationaldistrict:delete",
            "territory.organization:add",
            "territory.organization:delete",
            "territory.organization:export",
            "territory.organization:import",
        ],
    )
    grant("org_admin", ["territory.organization:change"])
