import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
application = get_wsgi_application()

# Load the views now (the URLconf imports them), then move everything loaded so far -
# Django, the apps, the views and what they import - out of the garbage collector's
# reach: it lives as long as the worker, and every full collection would scan it again
# (about 54 ms once every 7 or so dashboards on the national data set; 11 ms frozen).
# gunicorn imports this module in each worker (or in the master with --preload, before
# forking, which suits freezing too).
get_resolver().url_patterns  # noqa: B018 (the property imports the views)
gc.freeze()
# A fresh dashboard makes some 15,000 objects that live until its response is written:
# collected every 700 new objects they were walked again about 20 times a page. Every
# 10,000, the national Durham dashboard's collecting per page, over 100 pages: mean 8.8 ->
# 5.5 ms, p95 19.4 -> 6.8 ms (20,000 and more: fewer, longer pauses).
gc.set_threshold(10_000, 10, 10)
