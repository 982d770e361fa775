"""The consultation workflow (000 § 2.2, 3.8): new → assigned → answered (in writing) or scheduled → held → closed;
the asker cancels while new or assigned; the center rejects with a reason while new or assigned; a closed request is
rated by the asker once. The head or organizer may assign again while the methodist has not answered; the methodist
may move a scheduled meeting."""

from resurs.common.workflow import Transition

from .models import Consultation

S = Consultation.Status

CONSULTATION = {
    "assign": Transition(source={S.NEW, S.ASSIGNED}, target=S.ASSIGNED, code="consultations.consultation:assign"),
    "reject": Transition(source={S.NEW, S.ASSIGNED}, target=S.REJECTED, code="consultations.consultation:assign"),
    "answer": Transition(source={S.ASSIGNED}, target=S.ANSWERED, code="consultations.consultation:answer"),
    "schedule": Transition(
        source={S.ASSIGNED, S.SCHEDULED}, target=S.SCHEDULED, code="consultations.consultation:answer"
    ),
    "hold": Transition(source={S.SCHEDULED}, target=S.HELD, code="consultations.consultation:answer"),
    "close": Transition(source={S.ANSWERED, S.HELD}, target=S.CLOSED, code="consultations.consultation:answer"),
    "cancel": Transition(source={S.NEW, S.ASSIGNED}, target=S.CANCELLED, code="consultations.consultation:cancel"),
    "rate": Transition(source={S.CLOSED}, target=None, code="consultations.consultation:rate"),
}

# The methodist's own actions: only the methodist assigned to the request does them.
METHODIST_ACTIONS = ("answer", "schedule", "hold", "close")

# Statuses in which the request is still waiting for the center.
OPEN_STATUSES = (S.NEW, S.ASSIGNED, S.SCHEDULED)
