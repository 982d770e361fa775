"""Permission matrix of the template registry: holders of documents.documenttemplate:change (the department)."""

import pytest

from resurs.common.tests.matrix import LOGIN, SAVED, Case, case_params, run_case
from resurs.documents.models import DocumentTemplate

from .helpers import CODE, docx_bytes, upload


def C(actor, url_name, args=(), method="get", expected=200):
    return Case(actor, f"documents:{url_name}", tuple(args), method, expected)


def denied(url_name, args=(), methods=("get",)):
    cases = [C("anonymous", url_name, args, m, LOGIN) for m in methods]
    for actor in ("no_role", "org_admin", "regional", "teacher_user"):
        cases += [C(actor, url_name, args, m, 403) for m in methods]
    return cases


MATRIX = [
    *denied("template-list"),
    C("department", "template-list"),
    C("other_department", "template-list"),
    *denied("template-detail", [CODE], methods=("get", "post")),
    C("department", "template-detail", [CODE]),
    C("department", "template-detail", ["documents.unknown"], expected=404),
    C("department", "template-detail", ["documents.unknown"], "post", 404),
    C("department", "template-detail", [CODE], "post", SAVED),
    *denied("template-download", [CODE]),
    C("department", "template-download", [CODE]),
    C("department", "template-download", ["documents.unknown"], expected=404),
]


def _data(case):
    if case.method != "post":
        return None
    return {"file": upload(docx_bytes("Справка № {{ number }}"), "new.docx"), "comment": "Матрица"}


def _saved(world, actor):
    record = DocumentTemplate.objects.get(code=CODE)
    assert (record.version, record.comment, record.uploaded_by) == (1, "Матрица", actor)


@pytest.mark.parametrize(**case_params(MATRIX))
def test_template_registry_permission_matrix(client, world, sample, case):
    run_case(client, world, case, data=_data(case), saved=_saved)
