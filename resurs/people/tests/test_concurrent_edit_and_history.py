"""Optimistic locking on the teacher form (the second save is refused, naming who saved first) and the field history."""

from django.contrib.auth import get_user_model
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import override

from resurs.audit.models import ChangeLog
from resurs.common.tests.matrix import form_data
from resurs.people.forms import TeacherForm
from resurs.people.models import Teacher


def _name(user, last, first):
    get_user_model().objects.filter(pk=user.pk).update(last_name=last, first_name=first)


def _open_form(client, teacher):
    response = client.get(f"/people/teachers/{teacher.pk}/edit/")
    assert response.status_code == 200
    return response.context["form"]["version_seen"].value()


def test_second_save_is_refused_naming_the_first_editor_and_keeping_the_input(client, world):
    from django.test import Client

    _name(world.department, "Сидорова", "Елена")
    first, second = client, Client()
    first.force_login(world.department)
    second.force_login(world.org_admin)
    teacher = world.teacher
    assert _open_form(first, teacher) == 1
    assert _open_form(second, teacher) == 1

    saved = first.post(
        f"/people/teachers/{teacher.pk}/edit/", form_data(TeacherForm, teacher, phone="+7 111 111-11-11")
    )
    assert saved.status_code == 302

    refused = second.post(
        f"/people/teachers/{teacher.pk}/edit/",
        form_data(TeacherForm, teacher, phone="+7 222 222-22-22", surname="Смирнова-Иванова", version_seen=1),
    )
    assert refused.status_code == 200
    errors = refused.context["form"].non_field_errors()
    assert len(errors) == 1
    assert "Сидорова Елена" in errors[0]
    html = refused.content.decode()
    assert escape(errors[0]) in html
    assert 'value="+7 222 222-22-22"' in html
    assert 'value="Смирнова-Иванова"' in html

    stored = Teacher.objects.get(pk=teacher.pk)
    assert (stored.phone, stored.surname, stored.version, stored.updated_by) == (
        "+7 111 111-11-11",
        teacher.surname,
        2,
        world.department,
    )
    assert list(ChangeLog.objects.filter(object_id=str(teacher.pk)).values_list("actor__username", "changes")) == [
        ("department", {"phone": ["", "+7 111 111-11-11"]})
    ]


def test_reopened_form_saves_after_a_concurrent_edit(client, world):
    """After the refusal the user reloads (new version) and the save goes through."""
    client.force_login(world.org_admin)
    Teacher.objects.filter(pk=world.teacher.pk).update(version=5)
    teacher = Teacher.objects.get(pk=world.teacher.pk)
    assert _open_form(client, teacher) == 5
    response = client.post(f"/people/teachers/{teacher.pk}/edit/", form_data(TeacherForm, teacher, phone="+7 3"))
    assert response.status_code == 302
    assert Teacher.objects.get(pk=teacher.pk).version == 6


def _history_row(field, old, new):
    with override("ru"):
        label = capfirst(str(Teacher._meta.get_field(field).verbose_name))
    return f'<tr><td>{escape(label)}</td><td class="text-danger">{escape(old)}</td><td class="text-success">{escape(new)}</td></tr>'


def test_history_shows_who_changed_which_field_from_what_to_what(client, world, russian):
    _name(world.org_admin, "Кузнецов", "Олег")
    client.force_login(world.org_admin)
    teacher = world.teacher
    data = form_data(TeacherForm, teacher, experience_total=12, organization=world.org, email="ivanova@school.ru")
    assert client.post(f"/people/teachers/{teacher.pk}/edit/", data).status_code == 302

    client.force_login(world.department)  # another reader: the editor's name appears only in the history
    html = client.get(f"/people/teachers/{teacher.pk}/").content.decode()
    assert _history_row("experience_total", "10", "12") in html
    assert _history_row("email", "—", "ivanova@school.ru") in html  # an empty value reads as a dash
    assert html.count("Кузнецов Олег") == 1
    # Unchanged fields are not listed.
    assert _history_row("experience_specialty", "8", "8") not in html
    with override("ru"):
        assert escape(capfirst(str(Teacher._meta.get_field("surname").verbose_name))) + "</td>" not in html


def test_history_of_a_moved_teacher_names_both_organizations(client, world, russian):
    client.force_login(world.department)
    teacher = world.teacher
    data = form_data(TeacherForm, teacher, organization=world.org2)
    assert client.post(f"/people/teachers/{teacher.pk}/edit/", data).status_code == 302
    html = client.get(f"/people/teachers/{teacher.pk}/").content.decode()
    assert _history_row("organization", world.org.short_name, world.org2.short_name) in html


def test_history_lists_changed_fields_in_the_model_order(client, world):
    """Whatever order the database keeps JSON keys in (PostgreSQL sorts them by length)."""
    from resurs.audit.services import history

    client.force_login(world.department)
    data = form_data(TeacherForm, world.teacher, surname="Андреева", experience_total=11, phone="+7 1")
    assert client.post(f"/people/teachers/{world.teacher.pk}/edit/", data).status_code == 302
    (entry,) = history(Teacher.objects.get(pk=world.teacher.pk))
    assert [(old, new) for _label, old, new in entry["changes"]] == [
        (world.teacher.surname, "Андреева"),
        (None, "+7 1"),
        (10, 11),
    ]
