"""Celery task that executes recorded jobs."""

from celery import shared_task


@shared_task(name="resurs.run_job")
def run_job(job_id):
    from .jobs import run

    run(job_id)


@shared_task(name="resurs.purge_job_files")
def purge_job_files():
    from .jobs import purge_old_files

    return purge_old_files()
