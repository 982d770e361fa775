"""Transition tables: one per workflow; a refused transition is a coded ServiceError that changes nothing."""

from django.utils.translation import gettext as _

from .errors import ServiceError


class Transition:
    def __init__(self, *, source, target, code):
        self.source = frozenset(source)
        self.target = target
        self.code = code  # the permission code the actor must hold on the object


class TransitionError(ServiceError):
    code = "transition_not_allowed"


def check_transition(table, action, status, *, labels=None):
    """Return the Transition for `action` from `status` or raise TransitionError naming the status."""
    transition = table.get(action)
    if transition is None:
        raise TransitionError(_("Unknown action."), code="unknown_action")
    if status not in transition.source:
        label = labels.get(status, status) if labels else status
        raise TransitionError(
            _("This action is not allowed while the status is «%(status)s».") % {"status": label},
            code="transition_not_allowed",
        )
    return transition
