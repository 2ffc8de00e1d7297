"""``manage.py load_demo_content``: idempotent, safe to run on every start.

The site's part first (locales, home pages, the demo administrator: ``home/demo.py``),
then each app's own, from the ``load_demo_content(site)`` method of its ``AppConfig``
in ``INSTALLED_APPS`` order (the newsroom's releases, people and topics before the
videos that link to them). This command names no content app."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import load_site


class Command(BaseCommand):
    help = "Load the demo content (idempotent): the site, then each app's content."

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            site = load_site()
        for config in apps.get_app_configs():
            load = getattr(config, "load_demo_content", None)
            if load is None:
                continue
            # One transaction per app: its content is all there or not at all.
            with transaction.atomic():
                load(site)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content is in place ({time.monotonic() - started:.1f} s)."
            )
        )
