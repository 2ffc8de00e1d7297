"""The admin's "send" step: how many will receive the issue, then a button that
queues the sending task."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import NewsletterIssue
from .sending import send_issue


@require_http_methods(["GET", "POST"])
def send_issue_view(request, pk: int):
    if not request.user.has_perm("newsletter.change_newsletterissue"):
        raise PermissionDenied
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    if request.method == "POST":
        if not issue.items.exists():
            messages.error(request, _("Add at least one press release or video first."))
        else:
            recipients = issue.recipients().count()
            skipped = issue.audience().count() - recipients
            send_issue.enqueue(issue.pk)
            messages.success(
                request,
                _(
                    "“%(subject)s” is being sent to %(count)d subscribers; "
                    "%(skipped)d follow other topics and are skipped."
                )
                % {"subject": issue.subject, "count": recipients, "skipped": skipped},
            )
        return redirect("wagtailsnippets_newsletter_newsletterissue:list")
    recipients = issue.recipients().count()
    return TemplateResponse(
        request,
        "newsletter/admin/send_issue.html",
        {
            "issue": issue,
            "recipients": recipients,
            "skipped": issue.audience().count() - recipients,
            "topics": issue.target_topics(),
            "topics_chosen": issue.topics.exists(),
            "counts": issue.delivery_counts(),
        },
    )
