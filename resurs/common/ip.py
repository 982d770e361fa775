"""The client's address behind a known number of reverse proxies (login throttling counts per address)."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or — behind TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For — the address the
    outermost trusted proxy saw. Addresses a client put in the header itself are never trusted."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")
