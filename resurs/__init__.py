"""Resurs: information system of the resource centers of municipal education."""

from .celery import app as celery_app

__all__ = ["celery_app"]
