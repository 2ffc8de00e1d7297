"""What an editor does in the admin, done from the test through the CMS's own
code (the admin's flows are covered by tests/e2e/test_newsroom.py):
``python -m tests.e2e.portal.act preview <slug> <title>`` prints the frontend URL
the admin's Preview panel opens for a draft with that title;
``python -m tests.e2e.portal.act publish <slug> <title>`` publishes that title
(the publish signals send the webhook, through the task queue)."""

import sys
from html import unescape

import django


def main(action: str, slug: str, title: str) -> None:
    from django.test import RequestFactory

    from newsroom.models import PressReleasePage

    page = PressReleasePage.objects.get(slug=slug)
    page.title = title
    revision = page.save_revision()
    if action == "publish":
        revision.publish()
        return
    request = RequestFactory().get("/admin/")
    html = revision.as_object().serve_preview(request, "").content.decode()
    start = html.index("/preview/?content_type=")
    begin = html.rindex('"', 0, start) + 1
    print(unescape(html[begin : html.index('"', start)]))


if __name__ == "__main__":
    django.setup()
    main(*sys.argv[1:4])
