"""`manage.py purge_jobs`: delete finished jobs' result files older than JOB_FILES_KEEP_DAYS (exports hold personal data)."""

from django.core.management.base import BaseCommand

from resurs.common.jobs import purge_old_files


class Command(BaseCommand):
    help = "Delete the result files of background jobs older than JOB_FILES_KEEP_DAYS days."

    def handle(self, *args, **options):
        self.stdout.write(str(purge_old_files()))
