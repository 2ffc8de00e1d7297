"""The WSGI application for load runs (bench/load.py): the project's own, plus an
``X-Bench-Worker`` header naming the process that answered, so the load run can
tell which gunicorn worker served each answer."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

_application = get_wsgi_application()


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        headers = [*headers, ("X-Bench-Worker", str(os.getpid()))]
        return start_response(status, headers, exc_info)

    return _application(environ, start)
