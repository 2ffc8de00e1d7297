"""Prepare the CMS the portal's browser tests read: the end-to-end site (demo
content, users per role) and a webhook endpoint pointing at the portal's
revalidation route. Run as ``python -m tests.e2e.portal.site``."""

import os

import django


def prepare() -> None:
    from tests.e2e.site import prepare as prepare_site
    from webhooks.models import WebhookEndpoint

    prepare_site()
    WebhookEndpoint.objects.update_or_create(
        name="Portal",
        defaults={
            "url": os.environ["E2E_PORTAL_URL"] + "/api/revalidate/",
            "secret": os.environ["E2E_WEBHOOK_SECRET"],
        },
    )


if __name__ == "__main__":
    django.setup()
    prepare()
