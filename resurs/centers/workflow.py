"""Transition tables of the center lifecycle: application → expert review → decision → active → terminated."""

from resurs.common.workflow import Transition

from .models import Application, Center

A = Application.Status
C = Center.Status

APPLICATION = {
    # 002 § 4.3: the organization files the application, signed by the director, with the expert council.
    "submit": Transition(source={A.DRAFT}, target=A.UNDER_REVIEW, code="centers.application:submit"),
    # 002 § 4.3: council members score it while it is under review.
    "review": Transition(source={A.UNDER_REVIEW}, target=A.UNDER_REVIEW, code="centers.application:review"),
    # 002 § 4.3; 003 § 3.1: the department records the council's decision.
    "approve": Transition(source={A.UNDER_REVIEW}, target=A.APPROVED, code="centers.application:decide"),
    "reject": Transition(source={A.UNDER_REVIEW}, target=A.REJECTED, code="centers.application:decide"),
    "edit": Transition(source={A.DRAFT}, target=A.DRAFT, code="centers.application:change"),
}

CENTER = {
    # 000 § 3.11; 003 § 3.2; 004 § 9.2: termination by order of the department.
    "terminate": Transition(source={C.ACTIVE}, target=C.TERMINATED, code="centers.center:terminate"),
    # The term set by the order has passed (daily job).
    "expire": Transition(source={C.ACTIVE}, target=C.TERMINATED, code="centers.center:terminate"),
    "edit": Transition(source={C.ACTIVE}, target=C.ACTIVE, code="centers.center:change"),
}
