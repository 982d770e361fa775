"""The plan agreement workflow (000 § 4.1, 6.2.1): draft → submitted → returned ⇄ resubmitted → agreed → new revision."""

from resurs.common.workflow import Transition

from .models import Plan

S = Plan.Status

PLAN = {
    "edit": Transition(source={S.DRAFT, S.RETURNED, S.REVISING}, target=None, code="plans.plan:change"),
    "submit": Transition(source={S.DRAFT, S.RETURNED, S.REVISING}, target=S.SUBMITTED, code="plans.plan:submit"),
    "return": Transition(source={S.SUBMITTED}, target=S.RETURNED, code="plans.plan:agree"),
    "agree": Transition(source={S.SUBMITTED}, target=S.AGREED, code="plans.plan:agree"),
    "revise": Transition(source={S.AGREED}, target=S.REVISING, code="plans.plan:change"),
}
