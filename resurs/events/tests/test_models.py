"""Event and registration invariants held by the database (each with its code)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from resurs.events.models import CODE_ALPHABET, Registration
from resurs.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


def codes_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return {e.code for errors in caught.value.error_dict.values() for e in errors}


def test_period_capacity_and_window_are_checked():
    event = EventFactory.build(center=EventFactory().center, starts_at=in_days(5), ends_at=in_days(4), capacity=0)
    event.registration_opens_at, event.registration_closes_at = in_days(3), in_days(2)
    assert {"period", "capacity", "registration_window"} <= codes_of(event)


def test_one_active_registration_per_teacher_and_event():
    first = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=first.event, teacher=first.teacher)
    duplicate = Registration(event=first.event, teacher=first.teacher, status=Registration.Status.WAITLISTED)
    assert "already_registered" in codes_of(duplicate)
    # A cancelled registration does not block registering again.
    first.status = Registration.Status.CANCELLED
    first.save()
    again = RegistrationFactory(event=first.event, teacher=first.teacher)
    assert len(again.code) == 8 and set(again.code) <= set(CODE_ALPHABET) and again.code != first.code


def test_registration_is_open_only_inside_the_window_and_before_the_start():
    event = EventFactory()
    assert event.registration_is_open()
    assert not event.registration_is_open(now=event.registration_opens_at - datetime.timedelta(minutes=1))
    assert not event.registration_is_open(now=event.registration_closes_at + datetime.timedelta(minutes=1))
    event.registration_closes_at = None
    assert not event.registration_is_open(now=event.starts_at)
    event.status = event.Status.CLOSED
    assert not event.registration_is_open()
