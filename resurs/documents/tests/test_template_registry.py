"""The template registry pages: registered templates, download of the version in force, upload of a new version
(validated, numbered last + 1, recorded with who and when), and the engine issuing from the newest version."""

import pytest
from django.urls import reverse

from resurs.documents import engine, services
from resurs.documents.models import DocumentTemplate, GeneratedDocument

from .helpers import CODE, SHIPPED, docx_bytes, docx_text, upload

pytestmark = pytest.mark.django_db


def downloaded(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_list_shows_registered_templates(client, world, sample):
    client.force_login(world.department)
    response = client.get(reverse("documents:template-list"))
    rows = {row["code"]: row for row in response.context["rows"]}
    assert rows[CODE] == {
        "code": CODE,
        "title": "Справка (образец)",
        "in_force": 0,
        "versions": 0,
        "last_at": None,
    }
    assert reverse("documents:template-detail", args=[CODE]) in response.content.decode()


def test_upload_new_versions_and_download_them(client, world, sample):
    client.force_login(world.department)
    url = reverse("documents:template-detail", args=[CODE])
    assert downloaded(client.get(reverse("documents:template-download", args=[CODE]))) == SHIPPED
    first = docx_bytes("Справка № {{ number }} (редакция 1)")
    response = client.post(url, {"file": upload(first), "comment": "Новая шапка"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Version 1 is now in force for new documents."]
    second = docx_bytes("Справка № {{ number }} (редакция 2)")
    client.post(url, {"file": upload(second), "comment": ""})
    versions = list(DocumentTemplate.objects.filter(code=CODE).order_by("version"))
    assert [(v.version, v.comment, v.uploaded_by, v.is_active) for v in versions] == [
        (1, "Новая шапка", world.department, True),
        (2, "", world.department, True),
    ]
    assert all(v.uploaded_at is not None for v in versions)
    page = client.get(url)
    assert page.context["in_force"] == 2
    assert [v.version for v in page.context["versions"]] == [2, 1]
    download = reverse("documents:template-download", args=[CODE])
    assert downloaded(client.get(download)) == second
    assert downloaded(client.get(download, {"version": "1"})) == first
    assert downloaded(client.get(download, {"version": "0"})) == SHIPPED
    assert client.get(download, {"version": "9"}).status_code == 404
    # Not a version number (a Unicode digit, past any integer column): 404, not a 500.
    assert client.get(download, {"version": "²"}).status_code == 404
    assert client.get(download, {"version": "9" * 30}).status_code == 404
    rows = {row["code"]: row for row in client.get(reverse("documents:template-list")).context["rows"]}
    assert (rows[CODE]["in_force"], rows[CODE]["versions"]) == (2, 2)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sample.pdf", b"%PDF-1.4", "File type .pdf is not allowed. Allowed: .docx."),
        ("sample.docx", b"PK\x03\x04 not really a zip", "The file is not a valid Word document (.docx)."),
        (
            "sample.docx",
            docx_bytes("Справка № {{ number "),
            "The template has an error in its fields: ",
        ),
    ],
)
def test_bad_template_refused_and_nothing_saved(client, world, sample, name, content, message):
    client.force_login(world.department)
    response = client.post(reverse("documents:template-detail", args=[CODE]), {"file": upload(content, name)})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and errors[0].startswith(message)
    assert not DocumentTemplate.objects.exists()


def test_engine_issues_from_the_newest_version(world, sample):
    record = engine.issue(
        code=CODE, context={"number": "1", "person": "Иванову"}, target=None, actor=None, filename="a.docx", title="A"
    )
    assert record.template_version == 0
    services.upload_template(
        actor=world.department, code=CODE, upload=upload(docx_bytes("Новая справка № {{ number }}"))
    )
    record = engine.issue(
        code=CODE, context={"number": "2", "person": "Петрову"}, target=None, actor=None, filename="b.docx", title="B"
    )
    assert record.template_version == 1
    with record.file.open("rb") as handle:
        assert docx_text(handle.read()) == "Новая справка №\u00a02"  # the sign bound to its number
    assert GeneratedDocument.objects.count() == 2


def test_upload_service_refuses_without_the_code(world, sample):
    from resurs.common.errors import PermissionDeniedError, ServiceError

    with pytest.raises(PermissionDeniedError):
        services.upload_template(actor=world.org_admin, code=CODE, upload=upload(SHIPPED))
    with pytest.raises(ServiceError) as exc:
        services.upload_template(actor=world.department, code="documents.unknown", upload=upload(SHIPPED))
    assert exc.value.code == "unknown_template"
    assert not DocumentTemplate.objects.exists()
