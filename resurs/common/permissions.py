"""Registry of permission codes (`app.model:action`); roles are named sets of these codes."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "view": _("view"),
    "add": _("create"),
    "change": _("edit"),
    "delete": _("delete"),
    "export": _("export"),
    "import": _("import"),
}

_registry: dict[str, str] = {}


def register(codes):
    """Register permission codes with their human-readable labels ({code: label})."""
    _registry.update(codes)


def model_codes(app_label, model_name, label, actions=("view", "add", "change", "delete")):
    """Codes for the usual actions on one model, e.g. people.teacher:view."""
    # Lazy: the label is rendered in the language of the request that shows it, not the one active at start-up.
    return {f"{app_label}.{model_name}:{action}": format_lazy("{}: {}", label, ACTIONS[action]) for action in actions}


def all_codes():
    return dict(sorted(_registry.items()))


def is_known(code):
    return code in _registry


def code_for(model, action):
    return f"{model._meta.app_label}.{model._meta.model_name}:{action}"
