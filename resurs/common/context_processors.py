"""Navigation entries shown to a user: only those whose permission code the user holds somewhere."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .scoping import has_code

# (url name, label, permission code); apps append their entries in AppConfig.ready().
MENU = []


def register_menu(url_name, label, code, section=None):
    MENU.append((url_name, label, code, section or _("Registry")))


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"menu": []}
    cached = getattr(request, "_resurs_navigation", None)
    if cached is not None:  # sub-templates rendered with the request context ask again
        return cached
    sections = {}
    for url_name, label, code, section in MENU:
        if has_code(user, code):
            sections.setdefault(str(section), []).append({"url": reverse(url_name), "label": label})
    from .models import Notification

    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    request._resurs_navigation = {"menu": list(sections.items()), "unread_notifications": unread}
    return request._resurs_navigation
