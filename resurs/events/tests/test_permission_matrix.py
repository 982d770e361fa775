"""Permission matrix of the event pages (SPEC §6): the center's organizer and methodist run their center's events;
another center's staff sees nothing of them (404); the department reads; an organization administrator registers
its own teachers for the municipality's public events; a teacher reaches only their own registrations; anonymous
users get the login page (the public pages are tested in test_public.py). Refusals change nothing."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog
from resurs.common.tests.matrix import INVALID, LOGIN, SAVED, Case, case_params, run_case
from resurs.events.models import Certificate, Event, Feedback, Material, Registration, Speaker
from resurs.events.tests.factories import build_events_world, form, in_days


@pytest.fixture
def world(world):
    w = build_events_world(world)
    w.speaker = Speaker.objects.create(event=w.event, full_name="Петрова Анна", topic="Опыт")
    w.far_speaker = Speaker.objects.create(event=w.far_event, full_name="Гость")
    w.material = Material(event=w.event, title="Программа")
    w.material.file.save("program.pdf", ContentFile(b"%PDF-1.4 program"), save=True)
    w.far_material = Material(event=w.far_event, title="Чужая программа")
    w.far_material.file.save("far.pdf", ContentFile(b"%PDF-1.4 far"), save=True)
    w.registration = Registration.objects.create(event=w.event, teacher=w.teacher, status="confirmed")
    w.registration2 = Registration.objects.create(event=w.event, teacher=w.teacher2, status="confirmed")
    w.far_registration = Registration.objects.create(event=w.far_event, teacher=w.other_teacher, status="confirmed")
    w.attendee = Registration.objects.create(event=w.meeting, teacher=w.teacher2, status="confirmed")
    w.attended = Registration.objects.create(
        event=w.meeting, teacher=w.teacher, status="confirmed", attendance="present"
    )
    w.talk = Speaker.objects.create(event=w.meeting, teacher=w.teacher, full_name=w.teacher.full_name, topic="Опыт")
    w.cert = Certificate.objects.create(
        event=w.meeting,
        role="speaker",
        speaker=w.talk,
        teacher=w.teacher,
        full_name=w.teacher.full_name,
        event_title=w.meeting.title,
        event_date=w.meeting.starts_at.date(),
    )
    return w


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, f"events:{url_name}", tuple(args), method, expected, **kw)


def denied(url_name, args=(), methods=("get", "post")):
    return [C("anonymous", url_name, args, m, LOGIN) for m in methods] + [
        C("no_role", url_name, args, m, 403) for m in methods
    ]


STAFF = ("organizer", "methodist", "head")
MATRIX = [
    *denied("event-list", methods=("get",)),
    *[C(a, "event-list", visible=("event", "draft", "meeting"), hidden=("sibling_event", "far_event")) for a in STAFF],
    C("sibling_organizer", "event-list", visible=("sibling_event",), hidden=("event", "far_event")),
    C("department", "event-list", visible=("event", "sibling_event"), hidden=("far_event",)),
    C("org_admin", "event-list", expected=403),
    C("teacher_user", "event-list", expected=403),
    *denied("event-create"),
    C("organizer", "event-create"),
    C("organizer", "event-create", method="post", expected=SAVED),
    C("methodist", "event-create", method="post", expected=SAVED),
    C("sibling_organizer", "event-create", method="post", expected=INVALID),  # our center is no choice of theirs
    C("department", "event-create", method="post", expected=403),
    C("org_admin", "event-create", expected=403),
    C("teacher_user", "event-create", expected=403),
    *denied("event-detail", ["event"], methods=("get",)),
    *[C(a, "event-detail", ["event"]) for a in (*STAFF, "reporter", "department")],
    C("sibling_organizer", "event-detail", ["event"], expected=404),
    C("far_organizer", "event-detail", ["event"], expected=404),
    C("org_admin", "event-detail", ["event"], expected=403),
    C("teacher_user", "event-detail", ["event"], expected=403),
    *denied("event-update", ["event"]),
    C("organizer", "event-update", ["event"]),
    C("organizer", "event-update", ["event"], "post", SAVED),
    C("methodist", "event-update", ["event"], "post", SAVED),
    C("organizer", "event-update", ["meeting"], "post", INVALID),  # held: not editable
    C("reporter", "event-update", ["event"], "post", 403),
    C("department", "event-update", ["event"], "post", 403),
    C("sibling_organizer", "event-update", ["event"], "post", 404),
    C("anonymous", "event-action", ["draft", "publish"], "post", LOGIN),
    C("no_role", "event-action", ["draft", "publish"], "post", 403),
    C("organizer", "event-action", ["draft", "publish"], "get", 405),
    C("organizer", "event-action", ["draft", "publish"], "post", SAVED),
    C("methodist", "event-action", ["event", "close"], "post", SAVED),
    C("organizer", "event-action", ["event", "cancel"], "post", SAVED),
    C("organizer", "event-action", ["event", "hold"], "post", 400),  # not started yet
    C("organizer", "event-action", ["event", "explode"], "post", 404),
    C("reporter", "event-action", ["event", "close"], "post", 403),
    C("department", "event-action", ["event", "close"], "post", 403),
    C("sibling_organizer", "event-action", ["event", "close"], "post", 404),
    C("far_organizer", "event-action", ["event", "cancel"], "post", 404),
    *denied("speaker-add", ["event"], methods=("post",)),
    C("methodist", "speaker-add", ["event"], "post", SAVED),
    C("reporter", "speaker-add", ["event"], "post", 403),
    C("sibling_organizer", "speaker-add", ["event"], "post", 404),
    *denied("speaker-delete", ["speaker"], methods=("post",)),
    C("organizer", "speaker-delete", ["speaker"], "post", SAVED),
    C("organizer", "speaker-delete", ["far_speaker"], "post", 404),
    C("department", "speaker-delete", ["speaker"], "post", 403),
    *denied("material-add", ["event"], methods=("post",)),
    C("methodist", "material-add", ["event"], "post", SAVED),
    C("sibling_organizer", "material-add", ["event"], "post", 404),
    *denied("material-delete", ["material"], methods=("post",)),
    C("organizer", "material-delete", ["material"], "post", SAVED),
    C("organizer", "material-delete", ["far_material"], "post", 404),
    *denied("material-download", ["material"], methods=("get",)),
    C("organizer", "material-download", ["material"]),
    C("department", "material-download", ["material"]),
    C("organizer", "material-download", ["far_material"], expected=404),
    C("teacher_user", "material-download", ["material"], expected=403),
    *denied("bulk-register", ["event"]),
    C("organizer", "bulk-register", ["event"]),
    C("organizer", "bulk-register", ["event"], "post", SAVED),
    C("org_admin", "bulk-register", ["sibling_event"]),
    C("org_admin", "bulk-register", ["sibling_event"], "post", SAVED),
    C("org_admin", "bulk-register", ["draft"], expected=404),  # not public
    C("org_admin", "bulk-register", ["far_event"], expected=404),  # another municipality
    C("other_org_admin", "bulk-register", ["event"], expected=404),
    C("sibling_organizer", "bulk-register", ["event"], expected=404),
    C("department", "bulk-register", ["event"], expected=403),
    C("teacher_user", "bulk-register", ["event"], expected=404),
    C("anonymous", "register-self", ["sibling_event"], "post", LOGIN),
    C("teacher_user", "register-self", ["sibling_event"], "post", SAVED),
    C("teacher_user", "register-self", ["draft"], "post", 404),
    C("no_role", "register-self", ["sibling_event"], "post", 302),  # no teacher record: told so, nothing stored
    *denied("registration-cancel", ["registration"], methods=("post",)),
    C("teacher_user", "registration-cancel", ["registration"], "post", SAVED),
    C("teacher_user", "registration-cancel", ["registration2"], "post", 404),
    C("organizer", "registration-cancel", ["registration2"], "post", SAVED),
    C("org_admin", "registration-cancel", ["registration2"], "post", SAVED),
    C("other_org_admin", "registration-cancel", ["registration"], "post", 404),
    C("sibling_organizer", "registration-cancel", ["registration"], "post", 404),
    C("department", "registration-cancel", ["registration"], "post", 302),  # may see, may not cancel: refused
    C("anonymous", "my-registrations", expected=LOGIN),
    C("teacher_user", "my-registrations", visible=("event_public",), hidden=("far_event_public",)),
    C("no_role", "my-registrations"),
    C("organizer", "my-registrations"),
    # attendance, check-in, roll sheet: the center's staff who mark attendance; others see nothing or are refused
    *[
        row
        for name in ("attendance", "check-in")
        for row in (
            *denied(name, ["meeting"]),
            C("organizer", name, ["meeting"]),
            C("head", name, ["meeting"]),
            C("methodist", name, ["meeting"], "post", SAVED),
            C("organizer", name, ["event"], "post", 400),  # not started yet
            C("reporter", name, ["meeting"], "post", 403),
            C("department", name, ["meeting"], expected=403),
            C("department", name, ["meeting"], "post", 403),
            C("sibling_organizer", name, ["meeting"], "post", 404),
            C("far_organizer", name, ["meeting"], expected=404),
            C("org_admin", name, ["meeting"], "post", 403),
            C("teacher_user", name, ["meeting"], "post", 403),
        )
    ],
    *denied("roll-sheet", ["meeting"], methods=("get",)),
    C("organizer", "roll-sheet", ["meeting"]),
    C("methodist", "roll-sheet", ["event"]),
    C("reporter", "roll-sheet", ["meeting"], expected=403),
    C("sibling_organizer", "roll-sheet", ["meeting"], expected=404),
    C("org_admin", "roll-sheet", ["meeting"], expected=403),
    C("teacher_user", "roll-sheet", ["meeting"], expected=403),
    *denied("association-attendance", ["association"], methods=("get",)),
    *[C(a, "association-attendance", ["association"]) for a in (*STAFF, "reporter", "department")],
    C("sibling_organizer", "association-attendance", ["association"], expected=404),
    C("far_organizer", "association-attendance", ["association"], expected=404),
    C("org_admin", "association-attendance", ["association"], expected=403),
    C("teacher_user", "association-attendance", ["association"], expected=403),
    # certificates: the staff issue, revoke and re-issue; readers read; the holder and their organization download
    *denied("certificates", ["meeting"]),
    C("organizer", "certificates", ["meeting"]),
    C("methodist", "certificates", ["meeting"], "post", SAVED),
    C("organizer", "certificates", ["event"], "post", 400),  # not held
    C("reporter", "certificates", ["meeting"]),
    C("reporter", "certificates", ["meeting"], "post", 403),
    C("department", "certificates", ["meeting"]),
    C("department", "certificates", ["meeting"], "post", 403),
    C("sibling_organizer", "certificates", ["meeting"], "post", 404),
    C("org_admin", "certificates", ["meeting"], expected=404),
    C("teacher_user", "certificates", ["meeting"], "post", 404),
    *denied("certificate-download", ["cert"], methods=("get",)),
    *[C(a, "certificate-download", ["cert"]) for a in ("organizer", "department", "org_admin", "teacher_user")],
    C("other_org_admin", "certificate-download", ["cert"], expected=404),
    C("sibling_organizer", "certificate-download", ["cert"], expected=404),
    *[
        row
        for name in ("certificate-revoke", "certificate-reissue")
        for row in (
            *denied(name, ["cert"], methods=("post",)),
            C("organizer" if name.endswith("revoke") else "methodist", name, ["cert"], "post", SAVED),
            C("reporter", name, ["cert"], "post", 403),
            C("department", name, ["cert"], "post", 403),
            C("sibling_organizer", name, ["cert"], "post", 404),
            C("org_admin", name, ["cert"], "post", 403),
            C("teacher_user", name, ["cert"], "post", 403),
            C(name.endswith("revoke") and "organizer" or "methodist", name, ["cert"], "get", 405),
        )
    ],
    # feedback: only the attendee answers; the staff and readers see the results
    C("anonymous", "feedback", ["attended"], expected=LOGIN),
    C("anonymous", "feedback", ["attended"], "post", LOGIN),
    C("teacher_user", "feedback", ["attended"]),
    C("teacher_user", "feedback", ["attended"], "post", SAVED),
    C("teacher_user", "feedback", ["attendee"], "post", 404),
    C("organizer", "feedback", ["attended"], "post", 404),
    C("no_role", "feedback", ["attended"], expected=404),
    *denied("event-feedback", ["meeting"], methods=("get",)),
    *[C(a, "event-feedback", ["meeting"]) for a in (*STAFF, "reporter", "department")],
    C("sibling_organizer", "event-feedback", ["meeting"], expected=404),
    C("org_admin", "event-feedback", ["meeting"], expected=403),
    C("teacher_user", "event-feedback", ["meeting"], expected=404),
    *denied("feedback-centers", methods=("get",)),
    *[C(a, "feedback-centers") for a in ("organizer", "department", "regional")],
    C("org_admin", "feedback-centers", expected=403),
    C("teacher_user", "feedback-centers", expected=403),
]


def _data(w, case):
    name = case.url_name.split(":")[1]
    if name in ("event-create", "event-update"):
        data = {
            "center": w.center.pk,
            "form": form().pk,
            "title": "Новый семинар",
            "starts_at": in_days(30).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": in_days(30, hour=17).strftime("%Y-%m-%dT%H:%M"),
            "format": "in_person",
            "venue": w.org2.pk,
            "capacity": "40",
        }
        if name == "event-update":
            target = Event.objects.get(pk=getattr(w, case.args[0]).pk)
            data["version_seen"] = target.version
        return data
    if name == "event-action":
        return {"reason": "Болезнь лектора"}
    if name == "speaker-add":
        return {"full_name": "Сидоров Семён", "topic": "Гость"}
    if name == "material-add":
        return {"title": "Презентация", "file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")}
    if name == "bulk-register":
        return {"teachers": [w.new_teacher.pk]}
    if name == "certificate-revoke":
        return {"reason": "Выдан ошибочно"}
    if name == "feedback":
        return {"satisfaction": "5", "usefulness": "4", "comment": "Полезно"}
    if name in ("attendance", "check-in"):
        registration = w.attendee if case.args[0] == "meeting" else w.registration
        if name == "check-in":
            return {"code": registration.code}
        return {f"mark-{registration.pk}": "present"}
    return None


def _saved(w, case):
    name = case.url_name.split(":")[1]

    def check(world, actor):
        target = getattr(w, case.args[0]) if case.args else None
        if name == "event-create":
            event = Event.objects.get(title="Новый семинар")
            assert (event.center, event.status, event.venue, event.capacity, event.updated_by) == (
                w.center,
                "draft",
                w.org2,
                40,
                actor,
            )
        elif name == "event-update":
            event = Event.objects.get(pk=target.pk)
            assert (event.title, event.version, event.updated_by) == ("Новый семинар", target.version + 1, actor)
        elif name == "event-action":
            action = case.args[1]
            event = Event.objects.get(pk=target.pk)
            assert event.status == {"publish": "published", "close": "closed", "cancel": "cancelled"}[action]
            assert ActionLog.objects.filter(code=f"events.event.{action}", object_id=str(event.pk), actor=actor)
        elif name == "speaker-add":
            assert w.event.speakers.filter(full_name="Сидоров Семён").exists()
        elif name == "speaker-delete":
            assert not Speaker.objects.filter(pk=target.pk).exists()
        elif name == "material-add":
            assert w.event.materials.get(title="Презентация").file.read() == b"%PDF-1.4 slides"
        elif name == "material-delete":
            assert not Material.objects.filter(pk=target.pk).exists()
        elif name == "bulk-register":
            registration = Registration.objects.get(event=target, teacher=w.new_teacher)
            assert (registration.status, registration.registered_by) == ("confirmed", actor)
        elif name == "register-self":
            registration = Registration.objects.get(event=target, teacher=w.teacher)
            assert (registration.status, registration.source) == ("confirmed", "self")
        elif name == "registration-cancel":
            registration = Registration.objects.get(pk=target.pk)
            assert (registration.status, registration.cancelled_by) == ("cancelled", actor)
        elif name == "certificates":
            assert list(
                Certificate.objects.filter(event=target, issued_by=actor).values_list("registration", "role")
            ) == [(w.attended.pk, "participant")]
        elif name == "certificate-revoke":
            cert = Certificate.objects.get(pk=target.pk)
            assert (cert.status, cert.revoke_reason, cert.revoked_by) == ("revoked", "Выдан ошибочно", actor)
        elif name == "certificate-reissue":
            new = Certificate.objects.get(replaces=target)
            assert (new.status, new.issued_by, Certificate.objects.get(pk=target.pk).status) == (
                "valid",
                actor,
                "revoked",
            )
        elif name == "feedback":
            answer = Feedback.objects.get(registration=target)
            assert (answer.satisfaction, answer.usefulness, answer.comment) == (5, 4, "Полезно")
        elif name in ("attendance", "check-in"):
            registration = Registration.objects.get(pk=w.attendee.pk)
            assert (registration.attendance, registration.attendance_marked_by) == ("present", actor)
            assert (registration.checked_in_at is not None) == (name == "check-in")
        else:
            raise AssertionError(f"no check for {name}")

    return check


@pytest.mark.parametrize(**case_params(MATRIX))
def test_events_permission_matrix(client, world, case):
    from django.urls import reverse

    from resurs.people.tests.factories import TeacherFactory

    world.new_teacher = TeacherFactory(organization=world.org)
    world.event_public = reverse("portal:event-detail", args=[world.event.pk])
    world.far_event_public = reverse("portal:event-detail", args=[world.far_event.pk])
    run_case(client, world, case, data=_data(world, case), saved=_saved(world, case))
