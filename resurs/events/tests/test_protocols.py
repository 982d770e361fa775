"""Protocols of association meetings (001 appendix 3): kept for a held meeting («Заседание») of an association;
number, date, head and secretary, agenda with heard and decided; the DOCX re-opened and its present and absent lists
checked against the attendance; refusals change nothing; page and permissions."""

import io

import pytest
from django.urls import reverse
from docx import Document

from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.documents.models import GeneratedDocument
from resurs.events import services
from resurs.events.models import Event, Protocol
from resurs.events.tests.factories import RegistrationFactory, build_events_world
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

AGENDA = [
    {"topic": "Итоги диагностики", "heard": "Иванову И.И. об итогах", "decided": "Принять к сведению"},
    {"topic": "План на четверть", "heard": "Петрову П.П.", "decided": "Утвердить план"},
    {"topic": "", "heard": "пустая строка", "decided": ""},
]


@pytest.fixture
def w(world):
    w = build_events_world(world)
    w.t3 = TeacherFactory(organization=w.org2, surname="Яковлева")
    w.t4 = TeacherFactory(organization=w.org2, surname="Абрамова")
    RegistrationFactory(event=w.meeting, teacher=w.teacher, attendance="present")
    RegistrationFactory(event=w.meeting, teacher=w.teacher2, attendance="absent")
    RegistrationFactory(event=w.meeting, teacher=w.t3, attendance="excused")
    RegistrationFactory(event=w.meeting, teacher=w.t4, attendance="present")
    RegistrationFactory(event=w.meeting, teacher=TeacherFactory(organization=w.org), status="waitlisted")
    return w


def refused(expected, call, **kwargs):
    before = db_state()
    with pytest.raises(ServiceError) as info:
        call(**kwargs)
    assert info.value.code == expected, info.value.code
    assert db_state() == before


def save(w, actor=None, **changes):
    values = {
        "actor": actor or w.methodist,
        "event": w.meeting,
        "number": "3",
        "date": w.meeting.starts_at.date(),
        "head_name": "Смирнова Ольга Ивановна",
        "secretary_name": "Кузнецова Анна Петровна",
        "agenda": AGENDA,
    }
    values.update(changes)
    return values


def paragraphs(content):
    """The document's paragraphs, the typesetter's no-break spaces read as spaces."""
    return [p.text.replace("\xa0", " ") for p in Document(io.BytesIO(content)).paragraphs]


def test_protocol_saved_and_docx_lists_match_attendance(w):
    protocol = services.save_protocol(**save(w))
    assert [(a.topic, a.decided) for a in protocol.agenda.all()] == [
        ("Итоги диагностики", "Принять к сведению"),
        ("План на четверть", "Утвердить план"),
    ]
    document = services.issue_protocol(actor=w.organizer, event=w.meeting)
    assert GeneratedDocument.objects.filter(pk=document.pk, template_code="events.protocol").exists()
    text = paragraphs(document.file.read())
    assert "Протокол № 3" in text
    assert w.association.name in text
    start = text.index("Присутствовали: 2")
    end = text.index("Отсутствовали: 2")
    present = [p for p in text[start + 1 : end] if p.strip()]
    agenda_at = text.index("Повестка:")
    absent = [p for p in text[end + 1 : agenda_at] if p.strip()]
    assert present == [
        f"1. {w.t4.full_name} — {w.org2.short_name}",
        f"2. {w.teacher.full_name} — {w.org.short_name}",
    ]
    assert sorted(absent) == sorted(
        [
            f"1. {w.teacher2.full_name} — {w.org.short_name}",
            f"2. {w.t3.full_name} — {w.org2.short_name} (по уважительной причине)",
        ]
    ) or sorted(absent) == sorted(
        [
            f"2. {w.teacher2.full_name} — {w.org.short_name}",
            f"1. {w.t3.full_name} — {w.org2.short_name} (по уважительной причине)",
        ]
    )
    # the lists are the attendance of the meeting
    marked = {r.teacher.full_name: r.attendance for r in w.meeting.registrations.filter(status="confirmed")}
    assert {line.split(". ", 1)[1].split(" — ")[0] for line in present} == {
        name for name, value in marked.items() if value == "present"
    }
    assert {line.split(". ", 1)[1].split(" — ")[0] for line in absent} == {
        name for name, value in marked.items() if value in ("absent", "excused")
    }
    assert "1. Итоги диагностики" in text and "2. План на четверть" in text
    assert "По первому вопросу слушали: Иванову И.И. об итогах" in text
    assert "Решили: Утвердить план" in text
    assert "Руководитель профессионального объединения ____________ Смирнова Ольга Ивановна" in text
    # saving again replaces the agenda
    services.save_protocol(**save(w, agenda=[{"topic": "Один вопрос"}], number="3а"))
    protocol = Protocol.objects.get(event=w.meeting)
    assert (protocol.number, protocol.version, list(protocol.agenda.values_list("topic", flat=True))) == (
        "3а",
        2,
        ["Один вопрос"],
    )


def test_protocol_refusals(w):
    refused("number_required", services.save_protocol, **save(w, number=" "))
    refused("date_required", services.save_protocol, **save(w, date=None))
    refused("agenda_required", services.save_protocol, **save(w, agenda=[{"topic": " "}]))
    refused("not_a_meeting", services.save_protocol, **save(w, event=w.event))
    Event.objects.filter(pk=w.meeting.pk).update(status="closed")
    refused("event_not_held", services.save_protocol, **save(w))
    Event.objects.filter(pk=w.meeting.pk).update(status="held")
    refused("no_protocol", services.issue_protocol, actor=w.organizer, event=w.meeting)
    for actor in (w.sibling_organizer, w.reporter, w.department, w.teacher_user):
        refused("permission_denied", services.save_protocol, **save(w, actor=actor))


def test_protocol_page_save_and_download(client, w):
    client.force_login(w.methodist)
    url = reverse("events:protocol", args=[w.meeting.pk])
    html = client.get(url).content.decode()
    assert 'id="protocol-present"' in html and w.t4.full_name in html
    data = {
        "number": "5",
        "date": w.meeting.starts_at.date().isoformat(),
        "head_name": "Смирнова О.И.",
        "secretary_name": "",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-topic": "Итоги",
        "agenda-0-heard": "Руководителя",
        "agenda-0-decided": "Одобрить",
        "agenda-1-topic": "",
    }
    before = db_state()
    assert client.post(url, {**data, "agenda-0-topic": ""}).status_code == 400
    assert db_state() == before
    assert client.post(url, data).status_code == 302
    assert Protocol.objects.get(event=w.meeting).agenda.get().decided == "Одобрить"
    response = client.post(reverse("events:protocol-docx", args=[w.meeting.pk]))
    assert response.status_code == 200
    text = paragraphs(b"".join(response.streaming_content) if response.streaming else response.content)
    assert "Протокол № 5" in text


def test_protocol_through_the_api(w):
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(w.organizer)
    url = f"/api/v1/events/{w.meeting.pk}/"
    body = {"number": "7", "date": w.meeting.starts_at.date().isoformat(), "agenda": [{"topic": "Итоги"}]}
    before = db_state()
    response = client.post(url + "protocol-docx/")
    assert (response.status_code, response.data["code"]) == (400, "no_protocol")
    response = client.post(url + "protocol/", {**body, "agenda": []}, format="json")
    assert (response.status_code, response.data["code"]) == (400, "agenda_required")
    assert db_state() == before
    response = client.post(url + "protocol/", body, format="json")
    assert (response.status_code, response.data["agenda"][0]["topic"]) == (200, "Итоги")
    response = client.post(url + "protocol-docx/")
    assert response.status_code == 200
    assert "Протокол № 7" in paragraphs(b"".join(response.streaming_content))
    reader = APIClient()
    reader.force_authenticate(w.department)
    assert reader.post(url + "protocol/", body, format="json").status_code == 403
    other = APIClient()
    other.force_authenticate(w.sibling_organizer)
    assert other.post(url + "protocol/", body, format="json").status_code == 404
