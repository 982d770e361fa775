"""Permission matrix of the framework pages: home, own account, and background jobs (visible to their own user only)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from resurs.common.models import Job, Notification
from resurs.common.tests.matrix import LOGIN, SAVED, Case, case_params, run_case


@pytest.fixture
def world(world):
    world.job = Job.objects.create(kind="common.export", user=world.department, title="Выгрузка", status="done")
    world.job.result_file.save("teachers.xlsx", ContentFile(b"workbook bytes"))
    world.job_url = reverse("job-detail", args=[world.job.pk])
    world.running_job = Job.objects.create(kind="common.export", user=world.department, title="Идёт", status="running")
    world.other_job = Job.objects.create(kind="common.export", user=world.other_department, title="Чужая")
    world.other_job_url = reverse("job-detail", args=[world.other_job.pk])
    world.note_url, world.other_note_url = "/people/teachers/?note=own", "/people/teachers/?note=other"
    world.note = Notification.objects.create(user=world.department, subject="Заявка принята", url=world.note_url)
    world.other_note = Notification.objects.create(
        user=world.other_department, subject="Заявка отклонена", url=world.other_note_url
    )
    return world


def C(actor, url_name, args=(), method="get", expected=200, **kw):
    return Case(actor, url_name, tuple(args), method, expected, **kw)


MATRIX = [
    # Pages of any logged-in user.
    C("anonymous", "home", expected=LOGIN),
    C("no_role", "home"),
    C("department", "home", visible=("job_url",), hidden=("other_job_url",)),
    C("anonymous", "accounts:password-change", expected=LOGIN),
    C("anonymous", "accounts:password-change", method="post", expected=LOGIN),
    C("no_role", "accounts:password-change"),
    C("anonymous", "accounts:password-change-done", expected=LOGIN),
    C("no_role", "accounts:password-change-done"),
    # Jobs: a job is its own user's; anyone else gets 404, whatever their roles.
    C("anonymous", "job-list", expected=LOGIN),
    C("no_role", "job-list", hidden=("job_url", "other_job_url")),
    C("department", "job-list", visible=("job_url",), hidden=("other_job_url",)),
    C("other_department", "job-list", visible=("other_job_url",), hidden=("job_url",)),
    C("anonymous", "job-detail", ["job"], expected=LOGIN),
    C("no_role", "job-detail", ["job"], expected=404),
    C("other_department", "job-detail", ["job"], expected=404),
    C("regional", "job-detail", ["job"], expected=404),
    C("department", "job-detail", ["job"]),
    C("department", "job-detail", ["running_job"]),
    C("department", "job-detail", ["other_job"], expected=404),
    C("anonymous", "job-download", ["job"], expected=LOGIN),
    C("no_role", "job-download", ["job"], expected=404),
    C("other_department", "job-download", ["job"], expected=404),
    C("regional", "job-download", ["job"], expected=404),
    C("department", "job-download", ["job"]),
    C("department", "job-download", ["running_job"], expected=404),  # no file yet
    # Notifications: each user reads and marks only their own.
    C("anonymous", "notification-list", expected=LOGIN),
    C("no_role", "notification-list", hidden=("note_url", "other_note_url")),
    C("department", "notification-list", visible=("note_url",), hidden=("other_note_url",)),
    C("anonymous", "notifications-read", method="post", expected=LOGIN),
    C("department", "notifications-read", expected=405),
    C("no_role", "notifications-read", method="post", expected=SAVED),
    C("department", "notifications-read", method="post", expected=SAVED),
]


def _marked_read(world, actor):
    read = set(Notification.objects.filter(read_at__isnull=False).values_list("user__username", flat=True))
    assert read == ({"department"} if actor == world.department else set())


@pytest.mark.parametrize(**case_params(MATRIX))
def test_common_permission_matrix(client, world, case):
    run_case(client, world, case, saved=_marked_read)


def test_download_is_the_stored_file(client, world):
    client.force_login(world.department)
    response = client.get(reverse("job-download", args=[world.job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"workbook bytes"
    assert response["Content-Disposition"].startswith('attachment; filename="teachers')


def test_job_page_shows_the_download_link_to_its_owner(client, world):
    client.force_login(world.department)
    content = client.get(world.job_url).content.decode()
    assert f'href="{reverse("job-download", args=[world.job.pk])}"' in content
    assert 'data-status="done"' in content
    running = client.get(reverse("job-detail", args=[world.running_job.pk])).content.decode()
    assert "/download/" not in running
    assert 'hx-trigger="every 1s"' in running  # still polling
