"""What an editor does in the admin, done from the test through the CMS's own
code (the admin's flows are covered by tests/e2e/test_newsroom.py):
``python -m tests.e2e.portal.act preview <slug> <title>`` prints the frontend URL
the admin's Preview panel opens for a draft with that title;
``python -m tests.e2e.portal.act publish <slug> <title>`` publishes that title
(the publish signals send the webhook, through the task queue);
``… act accredit <email> <password>`` makes an accredited journalist (address
confirmed, accreditation approved by the media office);
``… act embargo <slug> <minutes>`` publishes a new English release under an
embargo lifting in that many minutes, and prints its URL and lift time;
``… act lift <slug>`` moves the lift time to now and runs the worker's lift (the
``page.published`` webhook goes through the task queue, as at a real lift)."""

import sys
from html import unescape

import django


def accredit(email: str, password: str) -> None:
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from accounts.models import User
    from accreditation.models import Accreditation, AccreditationDocument

    user = User.objects.create_user(
        email,
        password,
        first_name="Jana",
        last_name="Novak",
        preferred_language="en",
        email_verified_at=timezone.now(),
    )
    document = AccreditationDocument.objects.create(
        user=user,
        file=ContentFile(b"%PDF-1.4 press card", name="card.pdf"),
        name="card.pdf",
        content_type="application/pdf",
        size=19,
    )
    Accreditation.objects.create(
        user=user,
        media_outlet="Daily Planet",
        role="Correspondent",
        press_card_number="PC-2026-1",
        press_card_expires_on=timezone.localdate() + datetime.timedelta(days=365),
        document=document,
        status=Accreditation.Status.APPROVED,
    )


def embargo(slug: str, minutes: str, lang: str = "en") -> None:
    import datetime

    from django.utils import timezone

    from newsroom.models import NewsroomIndexPage, PressReleasePage

    now = timezone.now()
    index = NewsroomIndexPage.objects.get(locale__language_code=lang)
    page = PressReleasePage(
        title=f"Embargoed release {slug}",
        slug=slug,
        locale=index.locale,
        date=now,
        location="Brussels",
        standfirst="Under embargo until the lift.",
        body=[{"type": "paragraph", "value": "<p>Not before the lift.</p>"}],
        embargoed_until=now + datetime.timedelta(minutes=float(minutes)),
        embargo_time_zone="Europe/Brussels",
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    print(page.url, page.embargoed_until.isoformat())


def lift(slug: str) -> None:
    from django.utils import timezone

    from embargo.lifting import lift_due
    from embargo.models import EmbargoLift
    from newsroom.models import PressReleasePage

    now = timezone.now()
    pages = PressReleasePage.objects.filter(slug=slug)
    pages.update(embargoed_until=now)
    EmbargoLift.objects.filter(page_id__in=pages.values("pk")).update(lifts_at=now)
    assert lift_due(now) >= 1


def main(action: str, slug: str, title: str = "", lang: str = "en") -> None:
    from django.test import RequestFactory

    from newsroom.models import PressReleasePage

    if action == "accredit":
        return accredit(slug, title)
    if action == "embargo":
        return embargo(slug, title, lang)
    if action == "lift":
        return lift(slug)

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
    main(*sys.argv[1:5])
