import pytest

from newsletter.models import NewsletterIssue, NewsletterIssueItem, Subscriber
from newsroom.models import PressReleasePage
from tests.accounts.conftest import clock  # noqa: F401  (fixture)
from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)


def subscriber(email: str, language: str = "en", status: str = "confirmed"):
    return Subscriber.objects.create(email=email, language=language, status=status)


@pytest.fixture
def make_issue():
    def make(language: str = "en", releases: int = 2, **fields) -> NewsletterIssue:
        fields.setdefault("subject", f"This week at the portal ({language})")
        fields.setdefault("intro", "The latest releases, chosen for you.")
        issue = NewsletterIssue.objects.create(language=language, **fields)
        pages = PressReleasePage.objects.live().filter(locale__language_code=language)
        for order, page in enumerate(pages.order_by("-date")[:releases]):
            NewsletterIssueItem.objects.create(issue=issue, page=page, sort_order=order)
        return issue

    return make
