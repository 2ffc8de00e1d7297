"""Newsletter subscribers (double opt-in), the issues editors compose from recent
press releases and videos, and one delivery record per issue and recipient.

Targeting by topic: an issue goes to the confirmed subscribers of its language who
chose all topics, or whose topics meet the issue's. Topics are a tree (Western
Balkans > Kosovo > KFOR), and following a topic means following what is filed
under it: a subscriber to "Kosovo" gets an issue on "KFOR", but a subscriber to
"KFOR" does not get an issue on "Kosovo" at large. An issue's topics are those the
editor chose, or else those of its press releases and videos; an issue with no
topic at all goes to every confirmed subscriber of its language. Topics are
compared by translation key, so a topic matches its translations."""

from __future__ import annotations

import secrets

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, Page, PreviewableMixin

from cms.visibility import is_withheld


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    topics = models.ManyToManyField(
        "newsroom.Topic",
        verbose_name=_("topics of interest"),
        blank=True,
        related_name="+",
    )
    all_topics = models.BooleanField(
        _("all topics"),
        default=True,
        help_text=_("Receives every issue of the language, whatever its topics."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscriptions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # Confirms the subscription and unsubscribes in one click, without signing in.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.email

    def topic_names(self) -> str:
        return ", ".join(topic.name for topic in self.topics.all())

    topic_names.short_description = _("topics")  # type: ignore[attr-defined]


def item_page_models() -> list[str]:
    """What an issue can point to: press releases, and videos once the videos app
    (being built alongside) is installed and has its page model."""
    models_ = ["newsroom.PressReleasePage"]
    if apps.is_installed("videos"):
        try:
            apps.get_model("videos", "VideoPage")
        except LookupError:
            pass
        else:
            models_.append("videos.VideoPage")
    return models_


class NewsletterIssue(PreviewableMixin, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The issue goes to the confirmed subscribers of this language."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    topics = models.ManyToManyField(
        "newsroom.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_(
            "The issue goes to the subscribers of these topics (and of the topics "
            "above them) and to those who chose all topics. Leave empty to use the "
            "topics of its press releases and videos; with none at all, it goes to "
            "every subscriber of its language."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    skipped_count = models.PositiveIntegerField(
        _("skipped"),
        default=0,
        help_text=_(
            "Confirmed subscribers of the language left out at the last sending: "
            "they follow other topics."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    def audience(self):
        """Every confirmed subscriber of the issue's language."""
        return Subscriber.objects.filter(
            status=Subscriber.Status.CONFIRMED, language=self.language
        )

    def target_topics(self) -> list:
        """The topics the issue is about: the editor's choice, or else the topics
        of its press releases and videos."""
        chosen = list(self.topics.all()) if self.pk else []
        if chosen:
            return chosen
        from newsroom.models import Topic, TopicLink

        page_ids = list(self.items.values_list("page_id", flat=True))
        if not page_ids:
            return []
        link_models = [
            model
            for model in apps.get_models()
            if issubclass(model, TopicLink)
            and any(field.name == "page" for field in model._meta.fields)
        ]
        topic_ids: set[int] = set()
        for model in link_models:
            topic_ids.update(
                model.objects.filter(page_id__in=page_ids).values_list(
                    "topic_id", flat=True
                )
            )
        return list(Topic.objects.filter(pk__in=topic_ids))

    def recipients(self):
        """The confirmed subscribers of the language this issue goes to (see the
        module's docstring for the rules)."""
        keys = topic_keys_with_ancestors(self.target_topics())
        if not keys:
            return self.audience()
        matching = Subscriber.objects.filter(topics__translation_key__in=keys)
        return self.audience().filter(
            Q(all_topics=True) | Q(pk__in=matching.values("pk"))
        )

    def delivery_counts(self) -> dict[str, int]:
        return self.deliveries.aggregate(
            sent=Count("pk", filter=Q(status=NewsletterDelivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=NewsletterDelivery.Status.FAILED)),
            waiting=Count(
                "pk",
                filter=Q(
                    status__in=[
                        NewsletterDelivery.Status.PENDING,
                        NewsletterDelivery.Status.SENDING,
                    ]
                ),
            ),
        )

    def entries(self) -> list[dict]:
        """The items as the e-mail shows them: title, summary, frontend link."""
        base = (settings.FRONTEND_BASE_URL or settings.PUBLIC_BASE_URL).rstrip("/")
        entries = []
        for item in self.items.select_related("page"):
            page = item.page.specific
            if is_withheld(page):
                continue  # under embargo: not for subscribers before the lift
            summary = getattr(page, "standfirst", None) or getattr(page, "summary", "")
            path = page.get_url() or ""
            url = path if path.startswith("http") else f"{base}{path}"
            entries.append(
                {
                    "title": page.title,
                    "summary": summary,
                    "url": url,
                    "kind": page._meta.verbose_name,
                }
            )
        return entries

    # --- preview in the admin: the e-mail as a subscriber will see it ------------

    def get_preview_template(self, request, mode_name):
        return "newsletter/email/issue.html"

    def get_preview_context(self, request, mode_name):
        return {
            **super().get_preview_context(request, mode_name),
            **issue_context(
                self, unsubscribe_url="#unsubscribe", preferences_url="#preferences"
            ),
        }


def topic_keys_with_ancestors(topics) -> set:
    """The translation keys of ``topics`` and of every topic above them: who
    follows any of these follows the issue."""
    return {
        above.translation_key for topic in topics for above in topic.with_ancestors()
    }


def issue_context(
    issue: NewsletterIssue, unsubscribe_url: str, preferences_url: str = "#"
) -> dict:
    return {
        "issue": issue,
        "entries": issue.entries(),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "language": issue.language,
    }


class NewsletterIssueItem(Orderable):
    issue = ParentalKey(NewsletterIssue, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        Page,
        verbose_name=_("press release or video"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def clean(self) -> None:
        super().clean()
        if self.page_id is None:
            return
        allowed = [apps.get_model(label) for label in item_page_models()]
        if self.page.specific_class not in allowed:
            raise ValidationError({"page": _("Choose a press release or a video.")})


class NewsletterDelivery(models.Model):
    """One issue to one subscriber. Claimed (pending → sending) before the message
    goes out, so a retried or duplicated task never sends it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed)")

    issue = models.ForeignKey(
        NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="one_delivery_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"
