"""Every list endpoint of the centers API runs as many queries for 50 more rows as for 5 (relations joined or
prefetched), for the readers who see them."""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.centers.models import (
    Agreement,
    Application,
    ApplicationAttachment,
    Association,
    Center,
    CenterDocument,
    CenterKind,
    Order,
    ReviewCriterion,
    StaffAssignment,
)
from resurs.common.testing import count_queries
from resurs.documents.models import GeneratedDocument

from .api_world import PDF, build, days

_serial = itertools.count(1)


def n():
    return next(_serial)


@pytest.fixture
def world(world):
    return build(world)


def kinds(w, k):
    CenterKind.objects.bulk_create([CenterKind(code=f"kind-{i}", name=f"Вид {i}") for i in (n() for _ in range(k))])


def criteria(w, k):
    ReviewCriterion.objects.bulk_create([ReviewCriterion(name=f"Критерий {n()}") for _ in range(k)])


def applications(status):
    def make(w, k):
        created = Application.objects.bulk_create(
            [Application(organization=w.org, kind=w.draft.kind, title=f"Заявка {n()}", status=status) for _ in range(k)]
        )
        Application.directions.through.objects.bulk_create(
            [Application.directions.through(application=a, contentdirection=w.direction) for a in created]
        )
        ApplicationAttachment.objects.bulk_create(
            [ApplicationAttachment(application=a, title="Справка", file="centers/applications/x.pdf") for a in created]
        )

    return make


def centers(w, k):
    created = Center.objects.bulk_create(
        [
            Center(organization=w.org, kind=w.center.kind, name=f"Центр {n()}", term_start=days(-10), term_end=days(30))
            for _ in range(k)
        ]
    )
    Center.directions.through.objects.bulk_create(
        [Center.directions.through(center=c, contentdirection=w.direction) for c in created]
    )


def staff(w, k):
    StaffAssignment.objects.bulk_create(
        [
            StaffAssignment(
                center=w.center, role="methodist", full_name=f"Методист {n()}", starts_on=days(-5), order=w.order
            )
            for _ in range(k)
        ]
    )


def associations(w, k):
    created = Association.objects.bulk_create(
        [
            Association(center=w.center, kind="gmo", name=f"ГМО {n()}", head=w.teacher, order=w.org_order)
            for _ in range(k)
        ]
    )
    Association.members.through.objects.bulk_create(
        [Association.members.through(association=a, teacher=t) for a in created for t in (w.teacher, w.young)]
    )


def agreements(w, k):
    Agreement.objects.bulk_create(
        [
            Agreement(
                center=w.center,
                party_kind="social_partner",
                party=f"Партнёр {n()}",
                party_organization=w.org2,
                number="1",
                date=days(-1),
                subject="О",
                file="centers/agreements/x.pdf",
            )
            for _ in range(k)
        ]
    )


def documents(w, k):
    generated = GeneratedDocument.objects.create(
        template_code="centers.order",
        template_version=0,
        title="Приказ",
        file=ContentFile(PDF, name="p.docx"),
        checksum="0",
    )
    CenterDocument.objects.bulk_create(
        [
            CenterDocument(
                center=w.center, requirement="plan", title=f"План {n()}", generated=generated, uploaded_by=w.head
            )
            for _ in range(k)
        ]
    )


def orders(w, k):
    document = w.order.document
    Order.objects.bulk_create(
        [
            Order(
                issuer_municipality=w.mun if i % 2 else None,
                issuer_organization=None if i % 2 else w.org,
                number=str(1000 + i),
                year=2026,
                date=days(0),
                kind="term",
                title="О сроке",
                center=w.center,
                application=w.reviewed,
                document=document,
            )
            for i in (n() for _ in range(k))
        ]
    )


LISTS = [
    ("org_admin", "kind-list", kinds),
    ("expert", "criterion-list", criteria),
    ("department", "application-list", applications("draft")),
    ("org_admin", "application-list", applications("draft")),
    ("expert", "application-list", applications("under_review")),
    ("department", "center-list", centers),
    ("org_admin", "center-list", centers),
    ("department", "staff-list", staff),
    ("coordinator", "staff-list", staff),
    ("department", "association-list", associations),
    ("department", "agreement-list", agreements),
    ("head", "document-list", documents),
    ("department", "order-list", orders),
    ("head", "order-list", orders),
]


@pytest.mark.parametrize(("actor", "name", "make"), LISTS, ids=[f"{a}-{name}" for a, name, _ in LISTS])
def test_list_query_count_does_not_grow(world, actor, name, make):
    client = APIClient()
    client.force_login(getattr(world, actor))
    address = reverse(f"api:centers-{name}") + "?page_size=500"

    def measure():
        with count_queries() as queries:
            response = client.get(address)
        assert response.status_code == 200, response.content[:300]
        return queries.count, len(response.json()["results"])

    _, base = measure()
    make(world, 5)
    few_queries, few_rows = measure()
    assert few_rows == base + 5
    make(world, 50)
    many_queries, many_rows = measure()
    assert many_rows == few_rows + 50
    assert many_queries == few_queries
