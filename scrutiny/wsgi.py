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
