"""Celery task that executes recorded jobs."""

from celery import shared_task


@shared_task(name="resurs.run_job")
def run_job(job_id):
    from .jobs import run

    run(job_id)
