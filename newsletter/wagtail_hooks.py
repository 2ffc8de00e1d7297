from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.exports import SafeExportSnippetIndexView

from .admin_views import send_issue_view
from .models import NewsletterDelivery, NewsletterIssue, Subscriber, item_page_models
from .schema import NewsletterMutation, NewsletterQuery


def _send_label(issue: NewsletterIssue) -> str:
    if issue.status == NewsletterIssue.Status.DRAFT:
        return str(_("Send…"))
    return str(_("Send again (failed and new recipients)…"))


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    url_prefix = "newsletter/issues"
    list_filter = ["language", "status"]
    search_fields = ["subject"]
    copy_view_enabled = False

    @property
    def list_display(self):
        return [
            "subject",
            "language",
            "status",
            Column("sent_count", label=_("Sent")),
            Column("failed_count", label=_("Failed")),
            Column("skipped_count", label=_("Skipped (other topics)")),
            "sent_at",
            TitleColumn(
                "send",
                label=_("Sending"),
                accessor=_send_label,
                get_url=lambda issue: reverse("newsletter_send_issue", args=[issue.pk]),
            ),
        ]

    def get_queryset(self, request):
        return NewsletterIssue.objects.annotate(
            sent_count=Count(
                "deliveries",
                filter=Q(deliveries__status=NewsletterDelivery.Status.SENT),
            ),
            failed_count=Count(
                "deliveries",
                filter=Q(deliveries__status=NewsletterDelivery.Status.FAILED),
            ),
        )

    def get_edit_handler(self):
        # Built here, when every app is loaded: videos join the chooser once the
        # videos app has its page model.
        return ObjectList(
            [
                FieldPanel("subject"),
                FieldPanel("language"),
                FieldPanel("intro"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                InlinePanel(
                    "items",
                    label=_("Press releases and videos"),
                    panels=[PageChooserPanel("page", page_type=item_page_models())],
                ),
            ]
        ).bind_to_model(self.model)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    index_view_class = SafeExportSnippetIndexView
    icon = "group"
    menu_label = _("Subscribers")
    url_prefix = "newsletter/subscribers"
    list_display = [
        "email",
        "language",
        "status",
        "all_topics",
        "topic_names",
        "user",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    list_export = [
        "email",
        "language",
        "status",
        "all_topics",
        "topic_names",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "newsletter-subscribers"
    copy_view_enabled = False
    panels = [
        FieldPanel("email"),
        FieldPanel("language"),
        FieldPanel("status"),
        FieldPanel("all_topics"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (NewsletterIssueViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletter")
    menu_name = "newsletter"


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/issues/<int:pk>/send/",
            send_issue_view,
            name="newsletter_send_issue",
        )
    ]


@hooks.register("register_schema_query")
def register_newsletter_query(query_mixins: list) -> None:
    query_mixins.append(NewsletterQuery)


@hooks.register("register_schema_mutation")
def register_newsletter_mutation(mutation_mixins: list) -> None:
    mutation_mixins.append(NewsletterMutation)
