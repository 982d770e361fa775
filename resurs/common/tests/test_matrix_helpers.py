"""The matrix helper's database snapshot sees every kind of write a refused request must not make."""

from resurs.common.models import Job, Notification
from resurs.common.tests.matrix import db_state


def test_snapshot_sees_inserts_updates_and_deletes(world):
    before = db_state()
    assert db_state() == before
    job = Job.objects.create(kind="common.export", user=world.department, title="Выгрузка")
    after_insert = db_state()
    assert after_insert != before
    Job.objects.filter(pk=job.pk).update(progress=5)
    assert db_state() != after_insert
    job.delete()
    assert db_state() == before


def test_snapshot_covers_every_project_table(world):
    note = Notification.objects.create(user=world.department, subject="Проверка")
    state = db_state()
    assert {"common.Job", "common.Notification", "people.Teacher", "people.Teacher_subjects"} <= set(state)
    assert any(note.pk == row[0] and "Проверка" in row for row in state["common.Notification"])
