"""Jobs facade: `enqueue()` records a Job and runs it through Celery (in-process when no broker is set)."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .errors import ServiceError
from .models import Job

log = logging.getLogger(__name__)

_handlers = {}


def job_handler(kind):
    """Register `func(job, progress)` as the handler of jobs of this kind."""

    def decorator(func):
        _handlers[kind] = func
        return func

    return decorator


def enqueue(*, kind, user, title, params=None):
    """Create the job record and start it after the current transaction commits."""
    if kind not in _handlers:
        raise ValueError(f"no handler for job kind {kind}")
    # The job renders in the language of the user who started it (headers of an export), Russian by default.
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **(params or {})}
    job = Job.objects.create(kind=kind, user=user, title=title, params=params)
    from .tasks import run_job

    transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job


class Progress:
    """Reports progress of a running job, writing at most once per percent."""

    def __init__(self, job):
        self.job = job
        self._last = -1

    def __call__(self, done, total, message=""):
        percent = int(done * 100 / total) if total else 100
        percent = max(0, min(percent, 99))
        if percent != self._last:
            self._last = percent
            Job.objects.filter(pk=self.job.pk).update(progress=percent, message=message[:500])


def run(job_id):
    """Execute one job by id; errors are stored on the job, never raised to the worker."""
    job = Job.objects.get(pk=job_id)
    if job.status != Job.Status.QUEUED:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    handler = _handlers[job.kind]
    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            result = handler(job, Progress(job)) or {}
    except ServiceError as exc:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=str(exc), finished_at=timezone.now(), message=""
        )
        return
    except Exception:  # a failed job must be recorded, whatever went wrong
        log.exception("job %s failed", job_id)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            error=_("Internal error; the administrator can find details in the log."),
            finished_at=timezone.now(),
            message="",
        )
        return
    job.refresh_from_db()
    job.status = Job.Status.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.result = result.get("data", job.result)
    if result.get("file"):
        name, content = result["file"]
        job.result_file.save(name, content, save=False)
    job.save()


def purge_old_files(now=None):
    """Delete result files of jobs finished more than JOB_FILES_KEEP_DAYS ago; the job records stay. Returns count."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = (now or timezone.now()) - timedelta(days=settings.JOB_FILES_KEEP_DAYS)
    purged = 0
    for job in Job.objects.filter(finished_at__lt=cutoff).exclude(result_file=""):
        job.result_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result_file="")
        purged += 1
    return purged
