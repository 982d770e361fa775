"""`manage.py centers_daily`: the daily run for installations that use cron instead of Celery beat."""

from django.core.management.base import BaseCommand

from resurs.centers.services import expire_centers


class Command(BaseCommand):
    help = "End the resource centers whose term has passed."

    def handle(self, *args, **options):
        ended = expire_centers()
        self.stdout.write(f"{len(ended)}")
