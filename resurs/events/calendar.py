"""iCalendar (.ics, RFC 5545) of events: the attachment of registration letters and the center and teacher feeds."""

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

PRODID = "-//Resurs//Resource centers events//RU"


def event_url(event):
    return settings.SITE_URL.rstrip("/") + reverse("portal:event-detail", args=[event.pk])


def location(event):
    parts = []
    if event.venue_id:
        venue = event.venue
        parts.append(venue.short_name or venue.full_name)
        if getattr(venue, "address", ""):
            parts.append(venue.address)
    if event.room:
        parts.append(event.room)
    if event.online_url:
        parts.append(event.online_url)
    return ", ".join(parts)


def _vevent(event, *, code=None, status=None):
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@resurs")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    description = event.description or ""
    if code:
        description = f"{description}\n\nКод для отметки о прибытии: {code}".strip()
    item.add("description", description)
    if where := location(event):
        item.add("location", where)
    item.add("url", event_url(event))
    item.add("status", status or ("CANCELLED" if event.status == "cancelled" else "CONFIRMED"))
    item.add("sequence", event.version or 1)
    return item


def calendar(events, *, name, codes=None):
    """A VCALENDAR of `events`; `codes` {event id: check-in code} adds each registration's code to its entry."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, code=(codes or {}).get(event.pk)))
    return cal.to_ical()


def registration_ics(registration):
    """The one-event calendar attached to a registration letter (with the check-in code of a confirmed one)."""
    event = registration.event
    code = registration.code if registration.status == "confirmed" else None
    return calendar([event], name=event.title, codes={event.pk: code} if code else None)
