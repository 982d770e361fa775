"""Seed steps of the centers app, found by `manage.py seed` (see `resurs.people.seed`); the steps live in `seed`."""

from . import seed  # noqa: F401  (registers the step)
