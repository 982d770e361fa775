"""Workflow of a data request answer (000 § 7.1.1): filled → submitted → returned for correction ⇄ submitted → accepted."""

from resurs.common.workflow import Transition

from .models import DataResponse

S = DataResponse.Status
OPEN = {S.PENDING, S.DRAFT, S.RETURNED}

RESPONSE = {
    "save": Transition(source=OPEN, target=S.DRAFT, code="monitoring.dataresponse:change"),
    "submit": Transition(source=OPEN, target=S.SUBMITTED, code="monitoring.dataresponse:submit"),
    "return": Transition(source={S.SUBMITTED, S.ACCEPTED}, target=S.RETURNED, code="monitoring.dataresponse:review"),
    "accept": Transition(source={S.SUBMITTED}, target=S.ACCEPTED, code="monitoring.dataresponse:review"),
}
