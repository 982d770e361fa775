"""Daily job of the centers app: end the centers whose term has passed."""

from celery import shared_task


@shared_task(name="resurs.centers.expire")
def expire_centers_task():
    from .services import expire_centers

    return [c.pk for c in expire_centers()]
