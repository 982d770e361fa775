"""The event workflow (SPEC §6; 000 § 3.8, 6.2.4): draft → published → registration open ⇄ closed → held; cancel.

A published event is shown in the public calendar; registration is taken only while it is open (and inside the
window); an event is marked held once it has started, which marks its plan item done; a cancelled or held event is
final. A published event without registrations may go back to draft.
"""

from resurs.common.workflow import Transition

from .models import Event

S = Event.Status

EVENT = {
    "edit": Transition(source={S.DRAFT, S.PUBLISHED, S.OPEN, S.CLOSED}, target=None, code="events.event:change"),
    "publish": Transition(source={S.DRAFT}, target=S.PUBLISHED, code="events.event:publish"),
    "open": Transition(source={S.DRAFT, S.PUBLISHED, S.CLOSED}, target=S.OPEN, code="events.event:publish"),
    "close": Transition(source={S.OPEN}, target=S.CLOSED, code="events.event:publish"),
    "draft": Transition(source={S.PUBLISHED}, target=S.DRAFT, code="events.event:publish"),
    "hold": Transition(source={S.PUBLISHED, S.OPEN, S.CLOSED}, target=S.HELD, code="events.event:hold"),
    "cancel": Transition(
        source={S.DRAFT, S.PUBLISHED, S.OPEN, S.CLOSED}, target=S.CANCELLED, code="events.event:cancel"
    ),
}

# The buttons of the event page, in this order (the action's name is its URL segment and the API action).
ACTIONS = ("publish", "open", "close", "draft", "hold", "cancel")

# Statuses shown to everyone (the public calendar and feeds).
PUBLIC_STATUSES = (S.PUBLISHED, S.OPEN, S.CLOSED, S.HELD)
