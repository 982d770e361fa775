"""The route workflow (001 § 3.2.3; 004 § 5.5): draft → agreed with the tutor → in progress → completed, or closed
with reasons from any open status. One table; `services.transition` checks it."""

from resurs.common.workflow import Transition

from .models import Route

S = Route.Status
OPEN = {S.DRAFT, S.AGREED, S.IN_PROGRESS}

ROUTE = {
    "edit": Transition(source=OPEN, target=None, code="development.route:change"),
    "agree": Transition(source={S.DRAFT}, target=S.AGREED, code="development.route:agree"),
    "start": Transition(source={S.AGREED}, target=S.IN_PROGRESS, code="development.route:change"),
    "complete": Transition(source={S.IN_PROGRESS}, target=S.COMPLETED, code="development.route:change"),
    "close": Transition(source=OPEN, target=S.CLOSED, code="development.route:change"),
}
