"""The history of a record reads as people write (issue 7): choice labels, yes/no, lists joined, related records by
name, files by their name, dates as 31.12.2026; an appointment despite the eligibility warning names who overrode
it and why."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.audit.services import shown
from resurs.centers import services
from resurs.centers.models import Agreement, Association, Center

from .pages_world import PDF, build, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build(world)


def history_tables(html):
    return "".join(re.findall(r'<table class="table table-sm history-change.*?</table>', html, re.S))


def history_rows(html):
    """(label, old, new) of every change row of the page's history, tags stripped."""
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", history_tables(html))
    return [tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in row) for row in rows]


def test_values_are_shown_as_people_read_them():
    field = Center._meta.get_field
    assert shown(field("status"), "terminated") == "terminated"
    assert shown(field("termination_reason"), "completed") == "work on the direction completed"
    assert shown(Association._meta.get_field("is_active"), True) == "yes"
    assert shown(Association._meta.get_field("is_active"), False) == "no"
    assert shown(Association._meta.get_field("members"), ["Кузнецов А. П.", "Смирнова О. И."]) == (
        "Кузнецов А. П., Смирнова О. И."
    )
    assert shown(Agreement._meta.get_field("file"), "centers/agreements/2026/dogovor-5.pdf") == "dogovor-5.pdf"
    assert shown(field("term_end"), "2026-12-31") == "31.12.2026"
    assert shown(field("email"), "") is None
    assert shown(field("email"), None) is None


def test_association_history_page_shows_labels_yes_no_names_and_lists(client, w):
    association = Association.objects.get(pk=w.association.pk)
    association.kind, association.is_active, association.head = "creative_group", False, w.teacher2
    services.save_association(actor=w.head, association=association, members=[w.teacher, w.teacher2], version=1)
    client.force_login(w.head)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(reverse("centers:association-detail", args=[w.association.pk])).content.decode()
    assert history_rows(html) == [
        ("Kind", "city methodological association", "creative group"),
        ("Head", "Смирнова Ольга Игоревна", "Кузнецов Андрей Петрович"),
        ("Works", "yes", "no"),
        ("Members", "Смирнова Ольга Игоревна", "Кузнецов Андрей Петрович, Смирнова Ольга Игоревна"),
    ]
    for raw in ("True", "False", "creative_group", "[&#x27;", "['"):
        assert raw not in history_tables(html)


def test_center_history_shows_the_override_with_who_and_why_and_the_termination_labels(client, w):
    services.assign_staff(
        actor=w.department,
        center=w.center,
        role="methodist",
        full_name="Орлов Пётр Ильич",
        starts_on=days(-1),
        override_reason="Единственный специалист по робототехнике",
    )
    agreement = Agreement.objects.get(pk=w.agreement.pk)
    agreement.file = SimpleUploadedFile("dogovor-5-new.pdf", PDF, content_type="application/pdf")
    services.save_agreement(actor=w.head, agreement=agreement, version=agreement.version)
    services.terminate_center(actor=w.department, center=w.center, reason="completed", order_date=days(0))
    client.force_login(w.department)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(reverse("centers:center-history", args=[w.center.pk])).content.decode()
    assert (
        "Орлов Пётр Ильич — methodist. Appointed despite the eligibility warning (001 § 5.7) by department, "
        "reason: «Единственный специалист по робототехнике»"
    ) in html
    assert "Reason: work on the direction completed" in html
    rows = history_rows(html)
    assert ("Status", "active", "terminated") in rows
    assert ("Termination reason", "—", "work on the direction completed") in rows
    assert ("Terminated on", "—", days(0).strftime("%d.%m.%Y")) in rows
    # The agreement's own history keeps its file by name, not by its storage path.
    from resurs.audit.services import history

    [change] = [e for e in history(agreement) if e["changes"]]
    [(label, old, new)] = change["changes"]
    assert (label, old) == ("file", "dogovor-5.pdf")
    assert new.startswith("dogovor-5-new") and new.endswith(".pdf") and "/" not in new
