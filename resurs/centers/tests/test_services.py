"""The center lifecycle services: every transition, its error codes and its action-log entries."""

import datetime
import io
import zoneinfo

import docx
import pytest

from resurs.accounts.testing import grant_role, make_user
from resurs.audit.models import ActionLog
from resurs.catalogs.models import ContentDirection, QualificationCategory
from resurs.centers import services
from resurs.centers.models import Application, ApplicationDeadline, Center, Order, ReviewCriterion
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import restrict

from .factories import ApplicationFactory, CenterFactory

pytestmark = pytest.mark.django_db

YEKAT = zoneinfo.ZoneInfo("Asia/Yekaterinburg")


@pytest.fixture
def setup(world):
    world.mun.timezone = "Asia/Yekaterinburg"
    world.mun.department_name = "Департамент образования администрации города"
    world.mun.save()
    world.org.director = "Петрова Анна Сергеевна"
    world.org.full_name = "МБОУ «Средняя общеобразовательная школа № 7»"
    world.org.save()
    world.expert = make_user("expert", "expert", "municipality", world.mun)
    world.other_expert = make_user("expert2", "expert", "municipality", world.other_mun)
    direction, _ = ContentDirection.objects.get_or_create(name="Цифровая образовательная среда")
    world.application = ApplicationFactory(organization=world.org)
    world.application.directions.set([direction])
    return world


def scores():
    return {str(c.pk): 4 for c in ReviewCriterion.objects.all()}


def at_local(y, m, d, hh, mm):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=YEKAT)


def test_submit_before_deadline_in_local_time(setup):
    w = setup
    services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 5, 15, 23, 59))
    w.application.refresh_from_db()
    assert w.application.status == "under_review"
    assert ActionLog.objects.filter(code="centers.application.submitted", object_id=str(w.application.pk)).count() == 1


def test_submit_after_deadline_refused_and_nothing_changes(setup):
    w = setup
    with pytest.raises(ServiceError) as exc:
        services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 5, 16, 0, 0))
    assert exc.value.code == "deadline_passed"
    assert "15.05.2026" in exc.value.message
    w.application.refresh_from_db()
    assert w.application.status == "draft"


def test_deadline_is_in_the_municipality_time_zone(setup):
    w = setup
    # 23:30 on 15 May in Moscow is already 01:30 on 16 May in Yekaterinburg: too late there.
    moscow = datetime.datetime(2026, 5, 15, 23, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
    with pytest.raises(ServiceError) as exc:
        services.submit_application(actor=w.org_admin, application=w.application, now=moscow)
    assert exc.value.code == "deadline_passed"


def test_municipality_deadline_overrides_default(setup):
    w = setup
    ApplicationDeadline.objects.create(municipality=w.mun, year=2026, deadline=datetime.date(2026, 6, 1))
    services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 6, 1, 12, 0))
    w.application.refresh_from_db()
    assert w.application.status == "under_review"


def test_submit_needs_signed_file(setup):
    w = setup
    w.application.signed_file = ""
    w.application.save()
    with pytest.raises(ServiceError) as exc:
        services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 3, 1, 10, 0))
    assert exc.value.code == "signed_file_missing"


def test_submit_by_other_organization_refused(setup):
    w = setup
    with pytest.raises(PermissionDeniedError):
        services.submit_application(actor=w.other_org_admin, application=w.application, now=at_local(2026, 3, 1, 10, 0))
    w.application.refresh_from_db()
    assert w.application.status == "draft"


def test_submit_twice_is_a_transition_error(setup):
    w = setup
    services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 3, 1, 10, 0))
    with pytest.raises(ServiceError) as exc:
        services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 3, 1, 10, 0))
    assert exc.value.code == "transition_not_allowed"


def submitted(w):
    services.submit_application(actor=w.org_admin, application=w.application, now=at_local(2026, 3, 1, 10, 0))
    return w.application


def test_review_scores_validated(setup):
    w = setup
    app = submitted(w)
    bad = scores()
    bad[next(iter(bad))] = 9
    with pytest.raises(ServiceError) as exc:
        services.save_review(actor=w.expert, application=app, scores=bad, comment="", recommendation="approve")
    assert exc.value.code == "score_range"
    review = services.save_review(
        actor=w.expert, application=app, scores=scores(), comment="Хорошо", recommendation="approve"
    )
    assert review.total == 20


def test_expert_of_other_municipality_cannot_review(setup):
    w = setup
    app = submitted(w)
    with pytest.raises(PermissionDeniedError):
        services.save_review(
            actor=w.other_expert, application=app, scores=scores(), comment="", recommendation="approve"
        )
    assert app.reviews.count() == 0


def test_decision_needs_reviews(setup):
    w = setup
    app = submitted(w)
    with pytest.raises(ServiceError) as exc:
        services.decide_application(
            actor=w.department,
            application=app,
            approve=True,
            term_start=datetime.date(2026, 9, 1),
            term_end=datetime.date(2029, 8, 31),
        )
    assert exc.value.code == "no_reviews"


def test_approval_creates_center_head_and_order_docx(setup):
    w = setup
    app = submitted(w)
    services.save_review(actor=w.expert, application=app, scores=scores(), comment="", recommendation="approve")
    center = services.decide_application(
        actor=w.department,
        application=app,
        approve=True,
        term_start=datetime.date(2026, 9, 1),
        term_end=datetime.date(2029, 8, 31),
        order_number="213",
        order_date=datetime.date(2026, 6, 10),
    )
    app.refresh_from_db()
    assert app.status == "approved"
    assert center.status == "active" and center.organization == w.org
    head = center.staff.get(role="head")
    assert head.full_name == "Петрова Анна Сергеевна"
    order = Order.objects.get(center=center, kind="creation")
    assert (order.number, order.year, order.issuer_municipality) == ("213", 2026, w.mun)
    assert head.order == order
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(order.document.file.read())).paragraphs)
    assert "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА" in text
    assert "«10» июня 2026 г.\t№\u00a0213" in text
    assert "Назначить Петрову Анну Сергеевну руководителем ресурсного центра." in text
    assert "на срок с 01.09.2026 по 31.08.2029" in text
    assert (
        "1. Присвоить МБОУ «Средняя общеобразовательная школа №\u00a07» статус «Ресурсный центр на базе "
        "общеобразовательной организации» по направлению «Цифровая образовательная среда» на срок" in text
    )
    assert len(order.document.checksum) == 64


def test_second_decision_is_told_already_decided(setup):
    w = setup
    app = submitted(w)
    services.save_review(actor=w.expert, application=app, scores=scores(), comment="", recommendation="reject")
    services.decide_application(actor=w.department, application=app, approve=False, reason="Нет кадров")
    with pytest.raises(ServiceError) as exc:
        services.decide_application(
            actor=w.department,
            application=app,
            approve=True,
            term_start=datetime.date(2026, 9, 1),
            term_end=datetime.date(2027, 8, 31),
        )
    assert exc.value.code == "already_decided"
    assert Center.objects.count() == 0


def test_rejection_needs_reason(setup):
    w = setup
    app = submitted(w)
    services.save_review(actor=w.expert, application=app, scores=scores(), comment="", recommendation="reject")
    with pytest.raises(ServiceError) as exc:
        services.decide_application(actor=w.department, application=app, approve=False, reason=" ")
    assert exc.value.code == "reason_required"
    app.refresh_from_db()
    assert app.status == "under_review"


def test_order_number_unique_per_issuer_and_year(setup):
    w = setup
    services.issue_order(actor=w.department, issuer=w.mun, kind="term", date=datetime.date(2026, 2, 1), number="5")
    with pytest.raises(ServiceError) as exc:
        services.issue_order(actor=w.department, issuer=w.mun, kind="term", date=datetime.date(2026, 3, 1), number="5")
    assert exc.value.code == "duplicate_number"
    # The same number next year, or by another issuer, is fine.
    services.issue_order(actor=w.department, issuer=w.mun, kind="term", date=datetime.date(2027, 1, 10), number="5")
    services.issue_order(
        actor=w.other_department, issuer=w.other_mun, kind="term", date=datetime.date(2026, 3, 1), number="5"
    )
    assert Order.objects.filter(number="5").count() == 3


def test_methodist_eligibility_warning_and_override(setup):
    w = setup
    center = CenterFactory(organization=w.org)
    first = QualificationCategory.objects.filter(rank=2).first() or QualificationCategory.objects.create(
        name="Первая", rank=2
    )
    w.teacher.category, w.teacher.experience_specialty = None, 2
    w.teacher.save()
    with pytest.raises(ServiceError) as exc:
        services.assign_staff(
            actor=w.department, center=center, role="methodist", teacher=w.teacher, starts_on=datetime.date(2026, 9, 1)
        )
    assert exc.value.code == "not_eligible"
    assert center.staff.count() == 0
    staff = services.assign_staff(
        actor=w.department,
        center=center,
        role="methodist",
        teacher=w.teacher,
        starts_on=datetime.date(2026, 9, 1),
        override_reason="Единственный специалист по направлению",
    )
    assert staff.override_reason == "Единственный специалист по направлению"
    w.teacher.category, w.teacher.experience_specialty = first, 5
    w.teacher.save()
    assert services.eligibility_warnings("methodist", teacher=w.teacher) == []


def test_staff_assignment_grants_and_ending_withdraws_center_role(setup):
    w = setup
    center = CenterFactory(organization=w.org)
    methodist_user = make_user("m1")
    staff = services.assign_staff(
        actor=w.department, center=center, role="organizer", user=methodist_user, starts_on=datetime.date(2026, 1, 1)
    )
    methodist_user = type(methodist_user).objects.get(pk=methodist_user.pk)
    assert list(restrict(Center.objects.all(), methodist_user, "centers.center:view")) == [center]
    services.end_staff(actor=w.department, staff=staff, ends_on=datetime.date(2026, 2, 1))
    methodist_user = type(methodist_user).objects.get(pk=methodist_user.pk)
    assert restrict(Center.objects.all(), methodist_user, "centers.center:view").count() == 0


def test_terminate_makes_read_only_and_issues_order(setup):
    w = setup
    center = CenterFactory(organization=w.org, name="Ресурсный центр «Цифровая школа»")
    with pytest.raises(ServiceError) as exc:
        services.terminate_center(actor=w.department, center=center, reason="other", text="")
    assert exc.value.code == "reason_required"
    services.terminate_center(
        actor=w.department, center=center, reason="ineffective", order_date=datetime.date(2026, 11, 1)
    )
    center.refresh_from_db()
    assert (center.status, center.termination_reason) == ("terminated", "ineffective")
    order = Order.objects.get(center=center, kind="termination")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(order.document.file.read())).paragraphs)
    # The ground in the preamble; the organization in the genitive; the center named once.
    assert (
        "В соответствии с Положением о ресурсных центрах, на основании заключения департамента о неэффективной "
        "работе ресурсного центра,\nПРИКАЗЫВАЮ:\n"
        "1. Прекратить деятельность ресурсного центра «Цифровая школа» на базе МБОУ «Средняя общеобразовательная "
        "школа №\u00a07» с 01.11.2026.\n"
    ) in text
    with pytest.raises(ServiceError) as exc:
        services.assign_staff(
            actor=w.department,
            center=center,
            role="reporter",
            full_name="Сидоров Иван Петрович",
            starts_on=datetime.date(2026, 11, 2),
        )
    assert exc.value.code == "read_only"
    with pytest.raises(ServiceError) as exc:
        services.terminate_center(actor=w.department, center=center, reason="completed")
    assert exc.value.code == "transition_not_allowed"


def test_terminate_by_other_department_refused(setup):
    w = setup
    center = CenterFactory(organization=w.org)
    with pytest.raises(PermissionDeniedError):
        services.terminate_center(actor=w.other_department, center=center, reason="completed")
    center.refresh_from_db()
    assert center.status == "active"


def test_daily_job_ends_expired_centers(setup):
    w = setup
    old = CenterFactory(organization=w.org, term_start=datetime.date(2020, 1, 1), term_end=datetime.date(2026, 11, 20))
    current = CenterFactory(organization=w.org2)
    ended = services.expire_centers(today=datetime.date(2026, 11, 21))
    assert ended == [old]
    old.refresh_from_db()
    current.refresh_from_db()
    assert (old.status, old.termination_reason, old.terminated_on) == (
        "terminated",
        "expired",
        datetime.date(2026, 11, 21),
    )
    assert current.status == "active"


def test_center_role_scope(setup):
    w = setup
    center = CenterFactory(organization=w.org)
    head = make_user("head")
    grant_role(head, "center_head", "center", center)
    assert list(restrict(Center.objects.all(), head, "centers.center:view")) == [center]
    assert list(restrict(Center.objects.all(), w.department, "centers.center:view")) == [center]
    assert restrict(Center.objects.all(), w.other_department, "centers.center:view").count() == 0
    assert list(restrict(Application.objects.all(), w.org_admin, "centers.application:view")) == [w.application]
