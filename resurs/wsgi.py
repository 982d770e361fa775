"""WSGI entry point."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resurs.settings")
application = get_wsgi_application()

# What is loaded at start-up (apps, models, URL patterns and views, reference dictionaries) lives as long as the
# process: freeze it out of the collector's full passes, which otherwise make the p95 of the list pages
# (bench/README.md, `--freeze-gc`). Before a fork (gunicorn --preload) it also keeps those pages shared.
from django.urls import get_resolver  # noqa: E402  (after Django is set up)

get_resolver().url_patterns  # noqa: B018  (imports every view module now, so they are frozen too)
gc.freeze()
