"""Celery tasks of events: the reminder the day before (SPEC §6), run by beat every morning."""

from celery import shared_task


@shared_task(name="resurs.events.remind")
def remind():
    from .services import send_reminders

    return send_reminders()
