"""Main teacher-registry flows in a real browser (Debian's Chromium through Playwright) against the live server.

The interface is Russian. Texts are asserted only where Django itself or the data produce them; the project's own
strings are found by element ids and roles (their Russian catalogue is produced separately).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.people.models import Teacher
from resurs.people.tests.factories import TeacherFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("russian")]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def site(world, live_server, browser_settings):
    """The world with a few more teachers in both organizations of the department's municipality."""
    world.url = live_server.url
    world.org.short_name, world.org2.short_name = "СОШ № 1 «Гармония»", "Гимназия № 2"
    world.org.save()
    world.org2.save()
    world.teacher.surname, world.teacher.name, world.teacher.patronymic = "Андреева", "Мария", "Петровна"
    world.teacher.save()
    for surname, name, patronymic, org, total, specialty in [
        ("Белова", "Ольга", "Игоревна", world.org, 25, 20),
        ("Васильев", "Пётр", "Андреевич", world.org2, 3, 3),
        ("Григорьева", "Анна", "Сергеевна", world.org2, 14, 12),
        ("Дмитриев", "Илья", "", world.org, 1, 1),
    ]:
        TeacherFactory(
            surname=surname,
            name=name,
            patronymic=patronymic,
            organization=org,
            position=world.teacher.position,
            experience_total=total,
            experience_specialty=specialty,
            is_young_specialist=total <= 3,
        )
    return world


def log_in(page, site, username):
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def submit(page):
    page.locator("main form.card button[type=submit]").click()


def test_filter_open_edit_and_see_the_change_in_history(page, site):
    log_in(page, site, "department")
    assert page.locator("html").get_attribute("lang") == "ru"
    # The registry through the menu.
    page.locator("a.dropdown-toggle", has=page.locator("xpath=..//a[@href='/people/teachers/']")).first.click()
    page.locator("a.dropdown-item[href='/people/teachers/']").click()
    page.wait_for_url(f"{site.url}/people/teachers/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 5
    assert page.get_by_role("link", name="Андреева Мария Петровна").is_visible()
    assert page.get_by_role("link", name=site.other_teacher.full_name).count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "teacher-list.png"), full_page=True)

    # Filter by organization.
    page.select_option("#id_organization", str(site.org2.pk))
    page.locator("form.filter-panel button[type=submit]").click()
    page.wait_for_url(re.compile(rf"organization={site.org2.pk}"))
    assert sorted(page.locator("table tbody tr td:first-child a").all_inner_texts()) == [
        "Васильев Пётр Андреевич",
        "Григорьева Анна Сергеевна",
    ]

    # Open a teacher, edit a field, see it in the history.
    page.get_by_role("link", name="Григорьева Анна Сергеевна").click()
    teacher = Teacher.objects.get(surname="Григорьева")
    page.wait_for_url(f"{site.url}/people/teachers/{teacher.pk}/")
    page.locator("a[href='edit/']").click()
    page.wait_for_url(f"{site.url}/people/teachers/{teacher.pk}/edit/")
    page.fill("#id_experience_total", "15")
    page.fill("#id_phone", "+7 913 555-12-34")
    submit(page)
    page.wait_for_url(f"{site.url}/people/teachers/{teacher.pk}/")
    assert page.locator(".alert-success").count() == 1
    history = page.locator("table.history-change tr")
    cells = [row.locator("td").all_inner_texts() for row in history.all()]
    assert [c[1:] for c in cells] == [["—", "+7 913 555-12-34"], ["14", "15"]]  # old → new, in the form's order
    teacher.refresh_from_db()
    assert (teacher.experience_total, teacher.phone, teacher.version) == (15, "+7 913 555-12-34", 2)


def test_invalid_teacher_shows_errors_and_saves_nothing(page, site):
    log_in(page, site, "department")
    before = Teacher.objects.count()
    page.goto(f"{site.url}/people/teachers/new/")
    page.fill("#id_surname", "Ершова")
    page.fill("#id_name", "Екатерина")
    page.select_option("#id_organization", str(site.org.pk))
    page.select_option("#id_position", str(site.teacher.position.pk))
    page.fill("#id_experience_total", "3")
    page.fill("#id_experience_specialty", "5")
    page.fill("#id_email", "не-адрес")
    submit(page)
    page.wait_for_load_state()
    assert page.url == f"{site.url}/people/teachers/new/"
    # The project's rule (specialty experience within the total) marks its field...
    specialty_error = page.locator("#id_experience_specialty ~ .invalid-feedback")
    assert specialty_error.count() == 1
    assert specialty_error.inner_text().strip()
    # ...and Django's own validation speaks Russian.
    assert page.locator("#id_email ~ .invalid-feedback").inner_text() == "Введите правильный адрес электронной почты."
    # The input is kept.
    assert page.input_value("#id_surname") == "Ершова"
    assert page.input_value("#id_experience_specialty") == "5"
    assert Teacher.objects.count() == before
    assert not Teacher.objects.filter(surname="Ершова").exists()


def test_export_runs_as_a_job_and_the_file_downloads(page, site, tmp_path):
    log_in(page, site, "department")
    page.goto(f"{site.url}/people/teachers/?organization={site.org.pk}")
    page.locator("a[href*='_export=xlsx']").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    job = Job.objects.get(user=site.department)
    assert page.url == f"{site.url}/jobs/{job.pk}/"
    link = page.locator(f"a[href='/jobs/{job.pk}/download/']")
    link.wait_for(timeout=15000)
    assert page.locator("[data-status=done]").count() == 1
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path / "export.xlsx"
    download_info.value.save_as(target)
    rows = read_xlsx(target.read_bytes())
    assert len(rows[0]) == 17
    assert sorted(row[0] for row in rows[1:]) == ["Андреева", "Белова", "Дмитриев"]
    assert {row[5] for row in rows[1:]} == {"СОШ № 1 «Гармония»"}
