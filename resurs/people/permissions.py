"""Permission codes of the teacher registry (access to personal data by role, 152-ФЗ)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register

ALL = ("view", "add", "change", "delete", "export", "import")


def register_all():
    register(model_codes("people", "teacher", _("Teachers"), ALL))
    grant("regional", ["people.teacher:view", "people.teacher:export"])
    grant("department", [f"people.teacher:{a}" for a in ALL])
    grant("org_admin", [f"people.teacher:{a}" for a in ALL])
    grant("teacher", ["people.teacher:view"])
