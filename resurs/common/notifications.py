"""Notifications: stored for the in-app list and sent by e-mail through Django's mail API after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification


def notify(*, users, subject, body="", url=""):
    """Notify each distinct active user; e-mails go out only if the surrounding transaction commits."""
    recipients = {u.pk: u for u in users if u is not None and u.is_active}.values()
    created = [Notification.objects.create(user=u, subject=subject[:300], body=body, url=url) for u in recipients]
    emails = [u.email for u in recipients if u.email]
    if emails:
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        message = f"{body}{link}"

        def send():
            for address in emails:
                send_mail(subject, message, None, [address], fail_silently=True)

        transaction.on_commit(send)
    return created
