"""The rules of the center's records live in the services, with their codes; the page and the API accept only the
choices the rule allows, so a value from outside is refused by both as not a choice, like an id that does not exist
(its existence does not leak), and nothing changes (issue 7). Methodist eligibility (001 § 5.7) whichever way the person is chosen, and
the roles an appointment grants go through the accounts service (escalation check, action log)."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.accounts.models import Role, RoleAssignment
from resurs.accounts.testing import make_user
from resurs.audit.models import ActionLog
from resurs.catalogs.models import QualificationCategory
from resurs.centers import services
from resurs.centers.models import Agreement, StaffAssignment
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.tests.matrix import db_state
from resurs.people.tests.factories import TeacherFactory

from .pages_world import build, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    w = build(world)
    w.other_order = services.issue_order(
        actor=w.department, issuer=w.mun, kind="creation", number="214", date=days(-10), center=w.other_center
    )
    w.far_user = make_user("far_user", "center_head", "center", w.far_center)
    return w


def page_refusal(client, user, url, data):
    """The page answers with the form again, the error carrying the service's code; nothing changed."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    before = db_state()
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    assert db_state() == before
    form = response.context["form"]
    return {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}


def api_refusal(user, method, url, data, fmt="json"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    before = db_state()
    response = getattr(client, method)(url, data, format=fmt)
    assert response.status_code == 400, response.content[:300]
    assert db_state() == before
    return response.json()


def refused_as_no_choice(page_errors, api_answer, field, pk):
    """The page: not one of the choices; the API: DRF's own answer for an id that does not exist."""
    assert page_errors == {field: ["invalid_choice"]}
    assert api_answer == {field: [f'Invalid pk "{pk}" - object does not exist.']}


def service_refusal(call):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        call()
    assert db_state() == before
    return exc.value


# --- staff ------------------------------------------------------------------------------------------------------


def staff_cases(w):
    """(code, field, service kwargs, form and API data) for each choice the service refuses."""
    base = {"role": "organizer", "starts_on": days(-1)}
    return [
        ("teacher_outside", "teacher", {**base, "teacher": w.other_teacher}, {"teacher": w.other_teacher.pk}),
        ("user_outside", "user", {**base, "user": w.far_user}, {"user": w.far_user.pk}),
        (
            "order_other_center",
            "order",
            {**base, "full_name": "Орлов Пётр", "order": w.other_order},
            {"full_name": "Орлов Пётр", "order": w.other_order.pk},
        ),
    ]


@pytest.mark.parametrize("case", [0, 1, 2], ids=["teacher_outside", "user_outside", "order_other_center"])
def test_staff_choices_refused_alike_by_service_page_and_api(client, w, case):
    code, field, kwargs, data = staff_cases(w)[case]
    exc = service_refusal(lambda: services.assign_staff(actor=w.department, center=w.center, **kwargs))
    assert (exc.code, exc.field) == (code, field)
    body = {"role": "organizer", "starts_on": str(days(-1)), **data}
    errors = page_refusal(client, w.department, reverse("centers:staff-create", args=[w.center.pk]), body)
    answer = api_refusal(w.department, "post", reverse("api:centers-staff-list"), {**body, "center": w.center.pk})
    refused_as_no_choice(errors, answer, field, data[field])


def test_user_of_the_municipality_and_a_new_account_may_be_appointed(w):
    """A user holding a role in the municipality, or an account with no territorial tie yet, is no outsider."""
    services.assign_staff(actor=w.department, center=w.center, role="organizer", user=w.head, starts_on=days(-1))
    fresh = make_user("fresh")
    staff = services.assign_staff(actor=w.department, center=w.center, role="reporter", user=fresh, starts_on=days(-1))
    assert (staff.user, staff.role_assignment.role.code) == (fresh, "center_reporter")


# --- associations -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["members", "head", "order"])
def test_association_choices_refused_alike_by_service_page_and_api(client, w, field):
    values = {
        "members": ([w.other_teacher], {"members": [w.other_teacher.pk]}),
        "head": ([w.teacher], {"head": w.other_teacher.pk, "members": [w.teacher.pk]}),
        "order": ([w.teacher], {"order": w.other_order.pk, "members": [w.teacher.pk]}),
    }
    members, data = values[field]
    code, error_field = ("order_other_center", "order") if field == "order" else ("member_outside", "members")
    association = type(w.association).objects.get(pk=w.association.pk)
    if field == "head":
        association.head = w.other_teacher
    if field == "order":
        association.order = w.other_order
    exc = service_refusal(
        lambda: services.save_association(actor=w.head, association=association, members=members, version=1)
    )
    assert (exc.code, exc.field) == (code, error_field)
    body = {"kind": "gmo", "name": "ГМО", "version_seen": "1", **data}
    errors = page_refusal(client, w.head, reverse("centers:association-update", args=[w.association.pk]), body)
    answer = api_refusal(w.head, "patch", reverse("api:centers-association-detail", args=[w.association.pk]), data)
    pk = data[field][0] if field == "members" else data[field]
    refused_as_no_choice(errors, answer, field, pk)


# --- agreements -------------------------------------------------------------------------------------------------


AGREEMENT = {"party_kind": "social_partner", "number": "3", "subject": "Совместные мероприятия"}


@pytest.mark.parametrize("code", ["party_outside", "party_missing"])
def test_agreement_party_refused_alike_by_service_page_and_api(client, w, code):
    field = {"party_outside": "party_organization", "party_missing": "party"}[code]
    data = {"party_organization": w.other_org.pk} if code == "party_outside" else {"party": ""}
    agreement = Agreement(center=w.center, date=days(-3), **AGREEMENT)
    if code == "party_outside":
        agreement.party_organization = w.other_org
    exc = service_refusal(lambda: services.save_agreement(actor=w.head, agreement=agreement))
    assert (exc.code, exc.field) == (code, field)
    body = {**AGREEMENT, "date": str(days(-3)), **data}
    errors = page_refusal(client, w.head, reverse("centers:agreement-create", args=[w.center.pk]), body)
    answer = api_refusal(w.head, "post", reverse("api:centers-agreement-list"), {**body, "center": w.center.pk})
    if code == "party_outside":
        refused_as_no_choice(errors, answer, field, w.other_org.pk)
    else:
        assert errors == {field: [code]}
        assert (answer["code"], answer["field"]) == (code, field)


def test_agreement_party_defaults_to_the_organization_on_page_and_api(client, w):
    client.force_login(w.head)
    body = {**AGREEMENT, "date": str(days(-3)), "party_organization": w.org2.pk}
    assert client.post(reverse("centers:agreement-create", args=[w.center.pk]), body).status_code == 302
    api = APIClient()
    api.force_login(w.head)
    response = api.post(
        reverse("api:centers-agreement-list"), {**body, "number": "4", "center": w.center.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    parties = list(Agreement.objects.filter(number__in=["3", "4"]).order_by("number").values_list("party", flat=True))
    assert parties == [w.org2.full_name, w.org2.full_name]


# --- methodist eligibility (001 § 5.7) --------------------------------------------------------------------------


def first_category():
    return QualificationCategory.objects.filter(rank=2).first() or QualificationCategory.objects.create(
        name="Первая", rank=2
    )


def lower_category():
    return QualificationCategory.objects.filter(rank=1).first() or QualificationCategory.objects.create(
        name="Соответствие занимаемой должности", rank=1
    )


def test_methodist_through_the_user_account_is_checked_on_the_teacher_record(client, w):
    w.teacher.category, w.teacher.experience_specialty = lower_category(), 8
    w.teacher.save()
    user = w.teacher_user  # the account of w.teacher
    exc = service_refusal(
        lambda: services.assign_staff(
            actor=w.department, center=w.center, role="methodist", user=user, starts_on=days(-1)
        )
    )
    assert exc.code == "not_eligible"
    assert "A methodist must have the first or the highest qualification category (001 § 5.7)." in exc.message
    body = {"role": "methodist", "user": user.pk, "starts_on": str(days(-1))}
    errors = page_refusal(client, w.department, reverse("centers:staff-create", args=[w.center.pk]), body)
    assert errors == {"override_reason": ["not_eligible"]}
    answer = api_refusal(w.department, "post", reverse("api:centers-staff-list"), {**body, "center": w.center.pk})
    assert answer["code"] == "not_eligible"


@pytest.mark.parametrize("person", ["typed name", "account without teacher record"])
def test_methodist_that_cannot_be_checked_needs_the_reason(w, person):
    kwargs = {"full_name": "Орлов Пётр Ильич"} if person == "typed name" else {"user": w.head}
    exc = service_refusal(
        lambda: services.assign_staff(
            actor=w.department, center=w.center, role="methodist", starts_on=days(-1), **kwargs
        )
    )
    assert exc.code == "not_eligible"
    assert exc.message.startswith("The eligibility of a methodist is checked on the teacher's record (001 § 5.7)")
    staff = services.assign_staff(
        actor=w.department,
        center=w.center,
        role="methodist",
        starts_on=days(-1),
        override_reason="Приглашённый специалист",
        **kwargs,
    )
    assert staff.override_reason == "Приглашённый специалист"


def test_expired_category_is_no_category_by_the_local_date(w):
    today = services.center_today(w.center)
    w.teacher.category, w.teacher.experience_specialty = first_category(), 5
    w.teacher.category_assigned_on = today - datetime.timedelta(days=5 * 365)
    w.teacher.category_expires_on = today - datetime.timedelta(days=1)
    w.teacher.save()
    warnings = services.eligibility_warnings("methodist", teacher=w.teacher, today=today)
    expired = (today - datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    assert warnings == [
        f"The qualification category expired on {expired}; a methodist must hold a valid one (001 § 5.7)."
    ]
    exc = service_refusal(
        lambda: services.assign_staff(
            actor=w.department, center=w.center, role="methodist", teacher=w.teacher, starts_on=days(-1)
        )
    )
    assert exc.code == "not_eligible"
    # Valid through its last day.
    w.teacher.category_expires_on = today
    w.teacher.save()
    assert services.eligibility_warnings("methodist", teacher=w.teacher, today=today) == []
    staff = services.assign_staff(
        actor=w.department, center=w.center, role="methodist", teacher=w.teacher, starts_on=days(-1)
    )
    assert staff.override_reason == ""


# --- roles granted by appointments --------------------------------------------------------------------------


def test_appointment_grants_the_role_through_the_accounts_service_and_logs_it(w):
    user = make_user("organizer_user")
    staff = services.assign_staff(
        actor=w.department, center=w.center, role="organizer", user=user, starts_on=days(-1), ends_on=days(30)
    )
    grant = staff.role_assignment
    assert (grant.user, grant.role.code, grant.scope_kind, grant.scope_id, grant.granted_by) == (
        user,
        "center_organizer",
        "center",
        w.center.pk,
        w.department,
    )
    assert (grant.municipality_id, grant.starts_on, grant.ends_on) == (w.mun.pk, days(-1), days(30))
    log = ActionLog.objects.get(code="accounts.role.assigned", object_id=str(user.pk))
    assert (log.actor, log.data["role"], log.data["scope_id"], log.data["source"]) == (
        w.department,
        "center_organizer",
        w.center.pk,
        "centers.staff.appointed",
    )
    services.end_staff(actor=w.head, staff=staff, ends_on=days(10))
    grant.refresh_from_db()
    assert grant.ends_on == days(10)
    ended = ActionLog.objects.get(code="accounts.role.ended", object_id=str(user.pk))
    assert (ended.actor, ended.data["ends_on"], ended.data["source"]) == (
        w.head,
        days(10).isoformat(),
        "centers.staff.ended",
    )


def test_appointment_that_would_grant_more_than_the_actor_holds_is_refused(client, w):
    """A center head may not make someone coordinator: the role agrees plans, which the head may not."""
    user = make_user("would_be_coordinator")
    before = db_state()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_staff(actor=w.head, center=w.center, role="coordinator", user=user, starts_on=days(-1))
    assert exc.value.code == "privilege_escalation"
    assert "plans.plan:agree" in exc.value.params["codes"]
    assert db_state() == before
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(w.head)
    before = db_state()  # after the login, which stamps last_login
    response = api.post(
        reverse("api:centers-staff-list"),
        {"center": w.center.pk, "role": "coordinator", "user": user.pk, "starts_on": str(days(-1))},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (403, "privilege_escalation")
    assert db_state() == before
    # The department staffs the municipality: it may (the role is delegated to it).
    staff = services.assign_staff(
        actor=w.department, center=w.center, role="coordinator", user=user, starts_on=days(-1)
    )
    assert staff.role_assignment.role.code == "coordinator"


def test_a_role_already_held_is_not_granted_twice(w):
    held = RoleAssignment.objects.get(user=w.head, role__code="center_head", scope_id=w.center.pk)
    staff = services.assign_staff(actor=w.department, center=w.center, role="head", user=w.head, starts_on=days(-1))
    assert staff.role_assignment is None
    assert list(RoleAssignment.objects.filter(user=w.head)) == [held]
    assert StaffAssignment.objects.filter(user=w.head, role="head").count() == 1


def test_teacher_login_grants_the_teacher_role_through_the_accounts_service(w):
    from resurs.people.services import create_login

    teacher = TeacherFactory(organization=w.org, email="t@school.example")
    user = create_login(actor=w.org_admin, teacher=teacher, username="teacher2")
    grant = RoleAssignment.objects.get(user=user)
    assert (grant.role.code, grant.scope_kind, grant.scope_id, grant.granted_by) == (
        "teacher",
        "self",
        user.pk,
        w.org_admin,
    )
    log = ActionLog.objects.get(code="accounts.role.assigned", object_id=str(user.pk))
    assert (log.actor, log.data["role"], log.data["source"]) == (w.org_admin, "teacher", "people.teacher.login_created")
    # Holding the teacher code without being able to give the teacher role is refused, and nothing is written.
    clerk_role = Role.objects.create(
        code="clerk", name="Clerk", scope_kinds=["organization"], permissions=["people.teacher:change"]
    )
    clerk = make_user("clerk")
    RoleAssignment.objects.create(
        user=clerk,
        role=clerk_role,
        scope_kind="organization",
        scope_id=w.org.pk,
        scope_label=str(w.org),
        region_id=w.region.pk,
        municipality_id=w.mun.pk,
        organization_id=w.org.pk,
    )
    other = TeacherFactory(organization=w.org, email="o@school.example")
    before = db_state()
    with pytest.raises(PermissionDeniedError) as exc:
        create_login(actor=clerk, teacher=other, username="teacher3")
    assert exc.value.code == "privilege_escalation"
    assert "people.teacher:view" in exc.value.params["codes"]
    assert db_state() == before
