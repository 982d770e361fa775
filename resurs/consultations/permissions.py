"""Permission codes of consultations and the shipped roles' share of them (000 § 2.2, 3.8, 6.2, 7.1.1; 001 § 5.7)."""

from django.utils.translation import gettext_lazy as _

from resurs.accounts.roles import grant
from resurs.common.permissions import model_codes, register

VIEW = "consultations.consultation:view"
ADD = "consultations.consultation:add"
EXPORT = "consultations.consultation:export"
ASSIGN = "consultations.consultation:assign"
ANSWER = "consultations.consultation:answer"
CANCEL = "consultations.consultation:cancel"
RATE = "consultations.consultation:rate"


def register_all():
    register(model_codes("consultations", "consultation", _("Consultations"), ("view", "add", "export")))
    register(
        {
            ASSIGN: _("Consultations: assign a methodist, reject"),
            ANSWER: _("Consultations: answer, schedule and hold a meeting, close (the assigned methodist)"),
            CANCEL: _("Consultations: cancel one's own request"),
            RATE: _("Consultations: rate one's own closed request"),
        }
    )
    # The head and the organizer distribute the requests of their center (000 § 6.1, 6.2). They hold `answer` too,
    # because they appoint the methodists and a role is given only by someone holding its codes (ADR 0006); the
    # services let only the methodist assigned to a request answer it.
    grant("center_head", [VIEW, EXPORT, ASSIGN, ANSWER])
    grant("center_organizer", [VIEW, EXPORT, ASSIGN, ANSWER])
    # A methodist answers the requests assigned to them (001 § 5.7); the service checks it is the assigned one.
    grant("methodist", [VIEW, ANSWER])
    grant("center_reporter", [VIEW, EXPORT])
    grant("coordinator", [VIEW])
    grant("department", [VIEW, EXPORT])
    grant("regional", [VIEW])
    # The askers: an organization administrator for its teachers (000 § 7.1.1), a teacher for themselves.
    grant("org_admin", [VIEW, ADD, CANCEL, RATE])
    grant("teacher", [VIEW, ADD, CANCEL, RATE])
